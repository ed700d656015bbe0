using CsvHelper;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Tests.Csv;

public sealed class CsvOutputTests
{
    [Test]
    public void Rows_use_invariant_round_trip_numbers_and_lf()
    {
        var csv = CsvOutput.RowsToCsv(
            ["gpu", "compute_share", "bytes", "ok", "note"],
            [["r0 gpu0", 0.1, 123456789L, true, "a,b"], ["r0 gpu1", 1.0 / 3.0, 0, false, null]]);
        Assert.That(csv, Is.EqualTo(
            "gpu,compute_share,bytes,ok,note\n" +
            "r0 gpu0,0.1,123456789,true,\"a,b\"\n" +
            "r0 gpu1,0.3333333333333333,0,false,\n"));
    }

    [Test]
    public void Round_trip_numbers_parse_back_exactly()
    {
        var values = new[] { 0.1, 1e-9, 123.456, double.Epsilon, 1e300, -2.5 };
        var csv = CsvOutput.RowsToCsv(["v"], values.Select(v => (IReadOnlyList<object?>)[v]));
        var parsed = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(parsed, Is.EqualTo(values));
    }

    [Test]
    public void Records_are_written_with_a_header()
    {
        var csv = CsvOutput.ToCsv(new[] { new SampleRow { Id = 1, LatencyMs = 12.5 }, new SampleRow { Id = 2, LatencyMs = 0.25 } });
        Assert.That(csv, Is.EqualTo("Id,LatencyMs\n1,12.5\n2,0.25\n"));
    }

    [Test]
    public void Row_width_must_match_header()
    {
        Assert.Throws<ArgumentException>(() => CsvOutput.RowsToCsv(["a", "b"], [["1"]]));
    }
}

/// <summary>A CsvHelper source-generated record type, as the integrator will declare for requests.csv.</summary>
[CsvRecord]
public sealed partial class SampleRow
{
    public int Id { get; set; }

    public double LatencyMs { get; set; }
}
