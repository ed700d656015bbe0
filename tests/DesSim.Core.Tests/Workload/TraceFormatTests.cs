using DesSim.Core.Workload;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class TraceFormatTests
{
    [Test]
    public void Azure2023SevenDigitStampsAreExactOffsetsFromTheFirstRow()
    {
        var path = Write("azure.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805150,374,44\n2023-11-16 18:15:50.9951690,396,109\n2023-11-16 18:16:46.6805151,5,1\n");
        var (rs, _) = Replay(path);
        Assert.That(TraceFiles.Detect(path), Is.EqualTo(TraceFormat.Azure));
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 0L, 4_314_654_000L, 60_000_000_100L }));
        Assert.That(rs.Select(r => (r.InputTokens, r.OutputTokens)), Is.EqualTo(new[] { (374, 44), (396, 109), (5, 1) }));
        Assert.That(rs.Select(r => r.Id), Is.EqualTo(new[] { 0L, 1L, 2L }));
    }

    [Test]
    public void Azure2024ZoneSuffixedStampsAreConvertedToUtc()
    {
        var path = Write("azure24.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-05-10 00:00:00.009930+00:00,10,2\n2024-05-10 00:00:01.500000+00:00,11,3\n2024-05-10 02:00:02.009930+02:00,12,4\n");
        var (rs, _) = Replay(path, TraceFormat.Azure);
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 0L, 1_490_070_000L, 2_000_000_000L }));
    }

    [Test]
    public void ShippedAzureSamplesReplayAndSpanTenMinutes()
    {
        foreach (var name in new[] { "azure-conv-10min.csv", "azure-code-10min.csv" })
        {
            var (rs, d) = Replay(Sample(name));
            Assert.That(rs, Has.Count.GreaterThan(1000), name);
            Assert.That(rs[^1].Arrival.Seconds, Is.InRange(500, 600), name);
            Assert.That(d.Warnings, Is.Empty, name);
            Assert.That(rs.Zip(rs.Skip(1)).All(p => p.First.Arrival <= p.Second.Arrival), name);
        }
    }

    [Test]
    public void VidurSecondsFromStart()
    {
        var path = Write("v.csv", "arrived_at,num_prefill_tokens,num_decode_tokens,extra\n0.5,100,20,x\n1.25,200,30,y\n");
        var (rs, _) = Replay(path);
        Assert.That(TraceFiles.Detect(path), Is.EqualTo(TraceFormat.Vidur));
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 500_000_000L, 1_250_000_000L }));
        Assert.That(rs[1].InputTokens, Is.EqualTo(200));
    }

    [Test]
    public void MooncakeMillisecondsAndHashIdsAreKept()
    {
        var path = Write("m.jsonl", "{\"timestamp\": 0, \"input_length\": 1024, \"output_length\": 8, \"hash_ids\": [0, 1]}\n\n{\"timestamp\": 1500, \"input_length\": 600, \"output_length\": 2, \"hash_ids\": [0, 2]}\n");
        var (rs, _) = Replay(path);
        Assert.That(TraceFiles.Detect(path), Is.EqualTo(TraceFormat.Mooncake));
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 0L, 1_500_000_000L }));
        Assert.That(rs[0].PrefixHashIds, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(rs[1].PrefixHashIds, Is.EqualTo(new[] { 0, 2 }));
    }

    private const string BurstOld = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,472,18,490,Conversation log\n45,GPT-4,1087,0,1087,Conversation log\n118,ChatGPT,417,276,693,API log\n";
    private const string BurstNew = "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,s1,1.2,ChatGPT,472,18,490,Conversation log\n45,s2,0.4,GPT-4,1087,0,1087,Conversation log\n118,s3,3.0,ChatGPT,417,276,693,API log\n";

    [TestCase(BurstOld)]
    [TestCase(BurstNew)]
    public void BurstGptSkipsAndCountsFailedRequests(string text)
    {
        var path = Write("b.csv", text);
        var (rs, d) = Replay(path);
        Assert.That(TraceFiles.Detect(path), Is.EqualTo(TraceFormat.BurstGpt));
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(new[] { 5_000_000_000L, 118_000_000_000L }));
        Assert.That(rs.Select(r => r.Id), Is.EqualTo(new[] { 0L, 1L }));
        Assert.That(d.FailedRequestsSkipped, Is.EqualTo(1));
        Assert.That(d.RowsRead, Is.EqualTo(3));
    }

    [Test]
    public void BurstGptFiltersByModelAndLogType()
    {
        var path = Write("b.csv", BurstNew);
        var (rs, d) = Replay(new TraceWorkloadSpec(path) { BurstGptModel = "chatgpt", BurstGptLogType = "API log" });
        Assert.That(rs, Has.Count.EqualTo(1));
        Assert.That(rs[0].InputTokens, Is.EqualTo(417));
        Assert.That(d.FilteredOut, Is.EqualTo(2));
    }

    [Test]
    public void SplitwiseKeepsTraceIds()
    {
        var path = Write("s.csv", "request_id,request_type,application_id,arrival_timestamp,batch_size,prompt_size,token_size\n7,2,0,0.0,1,128,16\n9,2,0,0.25,1,256,32\n");
        var (rs, _) = Replay(path);
        Assert.That(TraceFiles.Detect(path), Is.EqualTo(TraceFormat.Splitwise));
        Assert.That(rs.Select(r => r.Id), Is.EqualTo(new[] { 7L, 9L }));
        Assert.That(rs[1].Arrival.Nanoseconds, Is.EqualTo(250_000_000L));
        Assert.That(rs[1].OutputTokens, Is.EqualTo(32));
    }

    [Test]
    public void GenericWithAndWithoutIds()
    {
        var (a, _) = Replay(Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,10,1\n2,20,2\n"));
        Assert.That(a.Select(r => r.Id), Is.EqualTo(new[] { 0L, 1L }));
        var (b, _) = Replay(Write("g.csv", "arrival_s,input_tokens,output_tokens,request_id\n0,10,1,100\n2,20,2,200\n"));
        Assert.That(b.Select(r => r.Id), Is.EqualTo(new[] { 100L, 200L }));
        Assert.That(b[1].Arrival.Nanoseconds, Is.EqualTo(2_000_000_000L));
    }

    [Test]
    public void FormatOverrideWinsOverDetection()
    {
        // A generic-looking header read as Vidur must fail on its missing columns: the override is honoured.
        var path = Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,10,1\n");
        var e = Assert.Throws<InputException>(() => Replay(path, TraceFormat.Vidur));
        Assert.That(e!.Message, Does.Contain("missing column(s) 'arrived_at'"));
    }

    [Test]
    public void ZeroTokenCountsAreRaisedToOneAndCounted()
    {
        var (rs, d) = Replay(Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,0,5\n1,5,0\n"));
        Assert.That(rs.Select(r => (r.InputTokens, r.OutputTokens)), Is.EqualTo(new[] { (1, 5), (5, 1) }));
        Assert.That(d.RaisedToOneToken, Is.EqualTo(2));
    }
}
