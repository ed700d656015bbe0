namespace DesSim.Reporting.Tests.Browser;

/// <summary>What <see cref="HeadlessChromium.LoadAsync"/> saw: console/page errors, non-file requests, svg sizes (CSS px).</summary>
internal sealed record PageFindings(IReadOnlyList<string> Errors, IReadOnlyList<string> ExternalRequests, IReadOnlyList<(float Width, float Height)> SvgSizes);
