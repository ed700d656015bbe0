using DesSim.Core.Workload;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class BadInputTests
{
    private const string AzureHeader = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    private static InputException Fails(string path, TraceFormat format = TraceFormat.Auto) =>
        Assert.Throws<InputException>(() => Replay(path, format))!;

    [Test]
    public void MalformedRowNamesFileLineColumnAndValue()
    {
        var path = Write("a.csv", AzureHeader + "2023-11-16 18:15:46.6805150,374,44\n2023-11-16 18:15:47.0000000,abc,44\n");
        Assert.That(Fails(path).Message, Does.StartWith($"{path}:3: column 'ContextTokens': 'abc' is not a non-negative integer"));
    }

    [Test]
    public void SkipInvalidSkipsAndCountsByReason()
    {
        var path = Write("a.csv", AzureHeader
            + "2023-11-16 18:15:46.6805150,374,44\n"
            + "2023-11-16 18:15:47.0000000,abc,44\n"
            + "2023-11-16 18:15:48.0000000,-3,44\n"
            + "not a time,5,5\n"
            + "2023-11-16 18:15:49.0000000,5,99999999\n"
            + "2023-11-16 18:15:50.0000000,5\n"
            + "2023-11-16 18:15:51.0000000,6,6\n");
        var (rs, d) = Replay(new TraceWorkloadSpec(path) { SkipInvalid = true });
        Assert.That(rs.Select(r => r.InputTokens), Is.EqualTo(new[] { 374, 6 }));
        Assert.That(d.SkippedInvalid, Is.EqualTo(5));
        Assert.That(d.SkippedByReason["column 'ContextTokens': is not a non-negative integer"], Is.EqualTo(2));
        Assert.That(d.SkippedByReason.Keys, Has.Some.Contains("TIMESTAMP"));
        Assert.That(d.SkippedByReason.Keys, Has.Some.Contains("10,000,000"));
        Assert.That(d.SkippedByReason["column 'GeneratedTokens': missing value"], Is.EqualTo(1));
        Assert.That(d.Summary(), Does.Contain("skipped 2 invalid row(s): column 'ContextTokens'"));
    }

    [Test]
    public void NegativeValue() =>
        Assert.That(Fails(Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,-5,1\n")).Message, Does.Contain(":2: column 'input_tokens': '-5' is not a non-negative integer"));

    [Test]
    public void NegativeTime() =>
        Assert.That(Fails(Write("g.csv", "arrival_s,input_tokens,output_tokens\n-1,5,1\n")).Message, Does.Contain(":2: column 'arrival_s': '-1' is not a non-negative number"));

    [Test]
    public void AbsurdTokenCount() =>
        Assert.That(Fails(Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,5,20000000\n")).Message, Does.Contain(":2: column 'output_tokens': '20000000' is more than 10,000,000 tokens"));

    [Test]
    public void BadTimestamp() =>
        Assert.That(Fails(Write("a.csv", AzureHeader + "yesterday,1,1\n")).Message, Does.Contain(":2: column 'TIMESTAMP': 'yesterday' is not a timestamp"));

    [Test]
    public void EmptyFile()
    {
        var path = Write("e.csv", string.Empty);
        Assert.That(Fails(path).Message, Is.EqualTo($"{path}: the file is empty"));
        Assert.That(Fails(path, TraceFormat.Azure).Message, Does.StartWith($"{path}: the file is empty"));
    }

    [Test]
    public void HeaderOnly() =>
        Assert.That(Fails(Write("h.csv", AzureHeader)).Message, Does.EndWith("the trace has a header but no data rows"));

    [Test]
    public void MissingColumns()
    {
        var path = Write("m.csv", "TIMESTAMP,ContextTokens\n2023-11-16 18:15:46.6805150,5\n");
        var e = Fails(path, TraceFormat.Azure);
        Assert.That(e.Message, Does.StartWith($"{path}:1: missing column(s) 'GeneratedTokens' for the azure format"));
    }

    [Test]
    public void UnknownFormat()
    {
        var path = Write("u.csv", "when,prompt,answer\n1,2,3\n");
        Assert.That(Fails(path).Message, Does.StartWith($"{path}:1: unknown trace format (header: when,prompt,answer)"));
    }

    [Test]
    public void MissingFile() =>
        Assert.That(Fails("/nonexistent/trace.csv").Message, Does.StartWith("/nonexistent/trace.csv: file not found"));

    [Test]
    public void MalformedJsonLine()
    {
        var path = Write("m.jsonl", "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n{\"timestamp\": 1, \n");
        Assert.That(Fails(path).Message, Does.StartWith($"{path}:2: column '(json)'").And.Contain("is not valid JSON"));
    }

    [Test]
    public void MooncakeMissingField()
    {
        var path = Write("m.jsonl", "{\"timestamp\": 0, \"output_length\": 1}\n");
        Assert.That(Fails(path).Message, Does.StartWith($"{path}:1: column 'input_length': (missing) is not a non-negative integer"));
    }

    [Test]
    public void SplitwiseBadId() =>
        Assert.That(Fails(Write("s.csv", "request_id,request_type,application_id,arrival_timestamp,batch_size,prompt_size,token_size\nx,2,0,0.0,1,128,16\n")).Message, Does.Contain(":2: column 'request_id': 'x' is not a non-negative integer id"));
}
