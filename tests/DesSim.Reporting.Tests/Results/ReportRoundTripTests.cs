using DesSim.Core;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Tests.Results;

/// <summary><c>dessim report DIR</c> rebuilds report.html from the files alone, byte for byte; bad directories fail
/// naming the file and write nothing.</summary>
public sealed class ReportRoundTripTests
{
    private string _written = string.Empty;
    private string _dir = string.Empty;

    [OneTimeSetUp]
    public void WriteOnce() => _written = TinyRun.WriteToTemp(TinyRun.Shared);

    [OneTimeTearDown]
    public void DeleteOnce() => TinyRun.Delete(_written);

    /// <summary>Each test gets its own copy to damage.</summary>
    [SetUp]
    public void Copy()
    {
        _dir = Path.Combine(Path.GetTempPath(), "dessim-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        foreach (var file in Directory.GetFiles(_written))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void Delete() => TinyRun.Delete(_dir);

    [Test]
    public void Report_rebuilt_from_the_files_is_byte_identical_to_the_one_written_by_the_run()
    {
        var written = File.ReadAllBytes(Path.Combine(_dir, "report.html"));
        var rebuilt = System.Text.Encoding.UTF8.GetBytes(RunReport.Build(ResultDirectoryReader.Read(_dir)));
        Assert.That(rebuilt, Is.EqualTo(written));
    }

    [Test]
    public void Read_back_data_matches_the_run()
    {
        var run = TinyRun.Shared;
        var data = ResultDirectoryReader.Read(_dir);
        Assert.Multiple(() =>
        {
            Assert.That(data.TtftMs, Has.Count.EqualTo(run.Result.Requests.Count(r => !r.Rejected)));
            Assert.That(data.ItlQuantilesMs, Has.Count.EqualTo(ReportData.ItlQuantileCount));
            Assert.That(data.ItlQuantilesMs, Is.Ordered, "quantiles rise with p");
            Assert.That(data.Gpus, Has.Count.EqualTo(2));
            Assert.That(data.Stages, Is.EqualTo(2));
            Assert.That(data.Timeline, Is.Not.Null.And.Not.Empty);
            Assert.That(data.Timeline!.Any(s => s.IsTransfer), Is.True, "PP2 sends activations");
            Assert.That(data.Seed, Is.EqualTo("7"));
            Assert.That(data.Summary.RequestsCompleted, Is.EqualTo(run.Result.Summary.RequestsCompleted));
        });
    }

    [Test]
    public void Without_a_trace_both_paths_agree_and_say_there_is_no_timeline()
    {
        var run = TinyRun.Run(20, "{ chrome_trace: false }");
        var dir = TinyRun.WriteToTemp(run);
        try
        {
            Assert.That(File.Exists(Path.Combine(dir, "trace.json")), Is.False);
            var rebuilt = RunReport.Build(ResultDirectoryReader.Read(dir));
            Assert.That(rebuilt, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "report.html"))));
            Assert.That(rebuilt, Does.Contain("No trace.json was written"));
        }
        finally
        {
            TinyRun.Delete(dir);
        }
    }

    [TestCase("summary.json")]
    [TestCase("requests.csv")]
    [TestCase("gpus.csv")]
    [TestCase("timeseries.csv")]
    [TestCase("itl_quantiles.csv")]
    [TestCase("scenario.yaml")]
    public void A_missing_file_is_named(string file)
    {
        File.Delete(Path.Combine(_dir, file));
        var e = Assert.Throws<InputException>(() => ResultDirectoryReader.Read(_dir))!;
        Assert.That(e.Source, Is.EqualTo(Path.Combine(_dir, file)));
        Assert.That(e.Message, Does.Contain("missing"));
    }

    [TestCase("summary.json", "{\"name\": 3}", "missing key")]
    [TestCase("summary.json", "{ not json", null)]
    [TestCase("requests.csv", "request_id,ttft_ms\n1,2\n", "missing column")]
    [TestCase("gpus.csv", "gpu,replica,stage,compute_share,tp_comm_share,pp_comm_share,other_comm_share,bubble_share,idle_share\n0,0,zero,0.5,0,0,0,0,0.5\n", "not an integer")]
    [TestCase("timeseries.csv", "time_s,queue_length,running_requests,batch_tokens,kv_occupancy,output_tokens_per_s\n0,1,2,3,abc,5\n", "not a number")]
    [TestCase("itl_quantiles.csv", "p,itl_ms\n0,1\n1,2\n", "expected 1001")]
    [TestCase("trace.json", "{\"traceEvents\":[{\"ph\":\"X\",\"ts\":0,\"pid\":0,\"tid\":0}]}", "dur")]
    [TestCase("trace.json", "[]", "traceEvents")]
    public void A_malformed_file_is_named_with_the_reason(string file, string content, string? expected)
    {
        File.WriteAllText(Path.Combine(_dir, file), content);
        var e = Assert.Throws<InputException>(() => ResultDirectoryReader.Read(_dir))!;
        Assert.That(e.Source, Is.EqualTo(Path.Combine(_dir, file)));
        if (expected is not null)
        {
            Assert.That(e.Message, Does.Contain(expected));
        }
    }

    [Test]
    public void A_mistyped_summary_key_is_named_by_its_path()
    {
        var path = Path.Combine(_dir, "summary.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"count\": ", "\"count\": \"x\", \"was\": ", StringComparison.Ordinal));
        var e = Assert.Throws<InputException>(() => ResultDirectoryReader.Read(_dir))!;
        Assert.That(e.Message, Does.Contain("summary.json:ttft_ms.count: expected number"));
    }

    [Test]
    public void A_directory_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(_dir, "nope");
        var e = Assert.Throws<InputException>(() => ResultDirectoryReader.Read(missing))!;
        Assert.That(e.Source, Is.EqualTo(missing));
    }
}
