namespace DesSim.Reporting.Html;

/// <summary>The report's inline stylesheet.</summary>
/// <remarks>Pass/fail colours match the chart palette's green and red; system fonts only (no web fonts).</remarks>
internal static class ReportStyle
{
    public const string Css = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #2f3e4e; color: #fff; padding: 16px 32px; }
header h1 { margin: 0; font-size: 22px; }
.subtitle { margin: 6px 0 0; color: #cfd8e3; font-size: 14px; }
main { padding: 8px 32px 32px; max-width: 1100px; }
section { margin: 24px 0; }
h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
table { border-collapse: collapse; font-size: 13px; background: #fff; }
th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
thead th { background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kv th { background: #eef1f4; font-weight: normal; color: #555; }
tr.pass td { background: #e6f4e6; }
tr.fail td { background: #fbe3e3; color: #8b1a1a; font-weight: bold; }
td.best { background: #e6f4e6; font-weight: bold; }
td.best::after { content: " \2605"; color: #2b7a2b; }
figure { margin: 0; }
figure svg { display: block; width: 100%; max-width: 1100px; height: auto; border: 1px solid #e3e3e3; background: #fff; }
figcaption, .caption { font-size: 13px; color: #555; margin-top: 6px; }
pre { background: #f3f3f3; border: 1px solid #ddd; padding: 10px; font-size: 12px; overflow-x: auto; }
details summary { cursor: pointer; color: #2f3e4e; margin: 8px 0; }
footer { color: #888; font-size: 12px; padding: 16px 32px; }

""";
}
