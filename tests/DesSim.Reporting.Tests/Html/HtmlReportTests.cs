using System.Xml.Linq;
using DesSim.Reporting.Html;
using DesSim.Reporting.Tests.Charts;

namespace DesSim.Reporting.Tests.Html;

public sealed class HtmlReportTests
{
    [Test]
    public void Everything_is_escaped()
    {
        var html = new HtmlReport("a <b> & c")
            .AddScenario([new("<k>", "v & w")], "x: \"<script>\"")
            .AddHeadlineMetrics([new HeadlineMetric("p99 <ttft>", 1, "ms")])
            .AddTable("t & t", ["<h>"], [["<td>"]])
            .AddText("<p>", "</p><script>")
            .Render();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<b>").And.Not.Contain("<k>").And.Not.Contain("<h>").And.Not.Contain("<ttft>"));
            Assert.That(html, Does.Contain("a &lt;b&gt; &amp; c").And.Contain("&lt;td&gt;").And.Contain("&quot;&lt;script&gt;&quot;"));
        });
    }

    [Test]
    public void No_external_urls_except_the_svg_namespace()
    {
        var html = SampleReport.Build().Render();
        var stripped = html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(stripped, Does.Not.Contain("http"));
            Assert.That(stripped, Does.Not.Contain("//"), "no protocol-relative URLs");
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain(" src="));
        });
    }

    [Test]
    public void Slo_rows_are_coloured_by_pass_or_fail()
    {
        var html = new HtmlReport("r").AddHeadlineMetrics(
        [
            new HeadlineMetric("ok", 100, "ms", 500),
            new HeadlineMetric("late", 600, "ms", 500),
            new HeadlineMetric("goodput", 5, "req/s", 6, LowerIsBetter: false),
            new HeadlineMetric("plain", 5, "req/s"),
        ]).Render();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<tr class=\"pass\"><td>ok</td>"));
            Assert.That(html, Does.Contain("<tr class=\"fail\"><td>late</td>"));
            Assert.That(html, Does.Contain("<tr class=\"fail\"><td>goodput</td>"));
            Assert.That(html, Does.Contain("<tr><td>plain</td>"));
        });
    }

    [Test]
    public void Report_is_well_formed_and_deterministic()
    {
        var html = SampleReport.Build().Render();
        Assert.That(SampleReport.Build().Render(), Is.EqualTo(html));

        // The page is also well-formed XML once the doctype and void elements are closed: a cheap structural check.
        var xml = html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal)
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal)
            .Replace("initial-scale=1\">", "initial-scale=1\"/>", StringComparison.Ordinal)
            .Replace("href=\"data:,\">", "href=\"data:,\"/>", StringComparison.Ordinal);
        var doc = XDocument.Parse(xml);
        Assert.That(doc.Descendants().Count(e => e.Name.LocalName == "figure"), Is.EqualTo(SampleCharts.All().Count()), "one figure per sample chart");
    }

    [Test]
    public void Table_rows_must_match_headers()
    {
        Assert.Throws<ArgumentException>(() => new HtmlReport("r").AddTable("t", ["a", "b"], [["1"]]));
    }

    [Test]
    public void WriteTo_writes_the_file_atomically()
    {
        var directory = Directory.CreateTempSubdirectory("dessim-html-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.html");
            SampleReport.Build().WriteTo(path);
            Assert.That(File.ReadAllText(path), Does.StartWith("<!DOCTYPE html>"));
            Assert.That(Directory.GetFiles(directory.FullName), Has.Length.EqualTo(1), "no temp files left");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
