#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for tests and for trying `dessim sweep --submit slurm` (docs/sweeps.md).
#
#   deploy/slurm/local-cluster.sh start DIR   installs slurm-wlm and munge from Debian when missing (as root, apt-get),
#                                             writes a one-node config into DIR, starts munged, slurmctld and slurmd
#                                             (all on localhost, state and logs in DIR) and waits until the node is idle.
#                                             Prints the line to source: export SLURM_CONF=DIR/slurm.conf
#   deploy/slurm/local-cluster.sh stop DIR    stops the daemons it started, by the pids recorded in DIR (never by name).
#
# Config (Slurm 22.05, Debian 12 slurm-wlm): ProctrackType=proctrack/linuxproc and TaskPlugin=task/none need no cgroups;
# SelectType=select/cons_tres with CR_CPU hands out CPUs only; munge runs with its own key and socket inside DIR
# (AuthInfo=socket=...), so it touches no system-wide munge. Ports: DESSIM_SLURM_PORT (default 6817) for slurmctld,
# the next one for slurmd. DESSIM_SLURM_NO_INSTALL=1: never run apt-get (exit 3 when Slurm is missing). Exit status: 0 started/stopped; 3 Slurm could not be installed or started (reason on stderr).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2

stop() {
  local d=$1 name pid
  for name in slurmd slurmctld munged; do
    [ -f "$d/$name.pid" ] || continue
    pid=$(cat "$d/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$d/$name.pid"
  done
}

fail() { echo "local-cluster: $*" >&2; stop "$dir"; exit 3; }

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; then
    return 0
  fi
  [ -z "${DESSIM_SLURM_NO_INSTALL:-}" ] || { echo "local-cluster: slurm-wlm/munge are not installed (DESSIM_SLURM_NO_INSTALL is set)" >&2; exit 3; }
  [ "$(id -u)" -eq 0 ] || { echo "local-cluster: slurm-wlm/munge are not installed and installing them needs root" >&2; exit 3; }
  command -v apt-get >/dev/null || { echo "local-cluster: slurm-wlm/munge are not installed and there is no apt-get" >&2; exit 3; }
  echo "local-cluster: installing slurm-wlm and munge (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge; } >"${TMPDIR:-/tmp}/dessim-slurm-apt.log" 2>&1 \
    || { echo "local-cluster: apt-get install slurm-wlm munge failed (log: ${TMPDIR:-/tmp}/dessim-slurm-apt.log)" >&2; exit 3; }
}

start() {
  [ "$(id -u)" -eq 0 ] || { echo "local-cluster: needs root (slurmd runs jobs as their submitting user)" >&2; exit 3; }
  install_packages
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir"
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  chmod 0700 "$dir/munge"
  local host cpus port
  host=$(hostname -s)
  cpus=$(nproc)
  port=${DESSIM_SLURM_PORT:-6817}

  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 0400 "$dir/munge/munge.key"
  munged --foreground --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket.2" \
    --pid-file="$dir/munge/munged.pidfile" --log-file="$dir/munged.log" --seed-file="$dir/munge/munged.seed" \
    >>"$dir/munged.log" 2>&1 &
  echo $! >"$dir/munged.pid"
  for _ in $(seq 1 50); do [ -S "$dir/munge/munge.socket.2" ] && break; sleep 0.1; done
  [ -S "$dir/munge/munge.socket.2" ] || fail "munged did not start (see $dir/munged.log)"

  cat >"$dir/slurm.conf" <<CONF
# One-node DesSim test cluster written by deploy/slurm/local-cluster.sh
ClusterName=dessim-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket.2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pidfile
SlurmdPidFile=$dir/slurmd.pidfile
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"

  slurmctld -D -i -f "$dir/slurm.conf" >>"$dir/slurmctld.out" 2>&1 &
  echo $! >"$dir/slurmctld.pid"
  slurmd -D -f "$dir/slurm.conf" >>"$dir/slurmd.out" 2>&1 &
  echo $! >"$dir/slurmd.pid"

  local state=""
  for _ in $(seq 1 150); do
    kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null || fail "slurmctld exited (see $dir/slurmctld.log, $dir/slurmctld.out)"
    kill -0 "$(cat "$dir/slurmd.pid")" 2>/dev/null || fail "slurmd exited (see $dir/slurmd.log, $dir/slurmd.out)"
    state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1 || true)
    case "$state" in idle*|mix*) break ;; esac
    sleep 0.2
  done
  case "$state" in idle*|mix*) ;; *) fail "node did not become idle within 30 s (state '${state}'; see $dir/slurmctld.log)" ;; esac
  echo "export SLURM_CONF=$dir/slurm.conf"
}

case "$action" in
  start) start ;;
  stop) stop "$(cd "$dir" 2>/dev/null && pwd || echo "$dir")" ;;
  *) usage ;;
esac
