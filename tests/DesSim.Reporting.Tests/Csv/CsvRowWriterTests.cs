using System.Globalization;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Tests.Csv;

public sealed class CsvRowWriterTests
{
    private static string Write(IReadOnlyList<string> headers, Action<CsvRowWriter> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        rows(new CsvRowWriter(text, headers));
        return text.ToString();
    }

    [Test]
    public void Text_is_quoted_exactly_as_CsvOutput_quotes_it()
    {
        string?[] values = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " padded ", "", null, "nvlink r0 gpu0-gpu1", "ü€😀"];
        var expected = CsvOutput.RowsToCsv(["v"], values.Select(v => (IReadOnlyList<object?>)[v]));
        var actual = Write(["v"], w =>
        {
            foreach (var v in values)
            {
                w.Text(v);
                w.EndRow();
            }
        });
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Empty_fields_anywhere_in_a_row_match_CsvOutput()
    {
        IReadOnlyList<object?>[] rows = [["", "x", ""], [null, null, null], ["a", "", "b"]];
        var expected = CsvOutput.RowsToCsv(["a", "b", "c"], rows);
        var actual = Write(["a", "b", "c"], w =>
        {
            foreach (var row in rows)
            {
                foreach (var v in row)
                {
                    w.Text((string?)v);
                }

                w.EndRow();
            }
        });
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Fixed_point_from_integers_equals_the_double_formatting_below_2_pow_52()
    {
        var rng = new Random(52);
        for (int i = 0; i < 100_000; i++)
        {
            // Spread over every magnitude up to 2^52 ns (about 52 days), both signs.
            long units = (long)Math.Pow(2, rng.NextDouble() * 52) * (rng.Next(2) == 0 ? 1 : -1);
            foreach (int decimals in (int[])[9, 6])
            {
                double scale = decimals == 9 ? 1e9 : 1e6;
                var expected = (units / scale).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                var actual = Write(["x"], w =>
                {
                    w.Fixed(units, decimals);
                    w.EndRow();
                });
                Assert.That(actual, Is.EqualTo("x\n" + expected + "\n"), $"{units} units, {decimals} decimals");
            }
        }
    }

    [TestCase(0L, 9, "0.000000000")]
    [TestCase(1L, 9, "0.000000001")]
    [TestCase(1_500_000_000L, 9, "1.500000000")]
    [TestCase(-1L, 6, "-0.000001")]
    [TestCase(long.MaxValue, 9, "9223372036.854775807")]
    [TestCase(long.MinValue, 9, "-9223372036.854775808")]
    [TestCase(42L, 0, "42")]
    public void Fixed_point_is_exact_at_any_magnitude(long units, int decimals, string expected) =>
        Assert.That(Write(["x"], w =>
        {
            w.Fixed(units, decimals);
            w.EndRow();
        }), Is.EqualTo("x\n" + expected + "\n"));

    [Test]
    public void Numbers_booleans_and_empty_fields_make_one_row()
    {
        var csv = Write(["a", "b", "c", "d", "e", "f"], w =>
        {
            w.Int(-12);
            w.Double(1.0 / 3.0, "F6");
            w.Double(double.NaN, "F6");
            w.Bool(true);
            w.Empty();
            w.Double(1e300, "F9"); // longer than the number room: grows
            w.EndRow();
        });
        Assert.That(csv, Is.EqualTo("a,b,c,d,e,f\n-12,0.333333,,true,," + 1e300.ToString("F9", CultureInfo.InvariantCulture) + "\n"));
    }

    [Test]
    public void Long_rows_grow_the_buffer()
    {
        var headers = Enumerable.Range(0, 100).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var csv = Write(headers, w =>
        {
            for (int i = 0; i < 100; i++)
            {
                w.Fixed(long.MaxValue, 9);
            }

            w.EndRow();
        });
        Assert.That(csv.Split('\n')[1].Split(','), Has.Length.EqualTo(100).And.All.EqualTo("9223372036.854775807"));
    }

    [Test]
    public void Row_width_must_match_header() =>
        Assert.Throws<InvalidOperationException>(() => Write(["a", "b"], w =>
        {
            w.Int(1);
            w.EndRow();
        }));
}
