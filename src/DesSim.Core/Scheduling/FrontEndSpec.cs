namespace DesSim.Core.Scheduling;

/// <summary>Per-request service time of an engine's serial request front end (the process that parses, templates and
/// tokenizes each request before the scheduler sees it), seconds.</summary>
/// <param name="PerRequestSeconds">Work per request.</param>
/// <param name="PerPromptTokenSeconds">Work per prompt token (tokenization).</param>
public sealed record FrontEndSpec(double PerRequestSeconds, double PerPromptTokenSeconds)
{
    /// <summary>No front end: a request reaches the scheduler when it is sent.</summary>
    public static readonly FrontEndSpec None = new(0, 0);

    /// <summary>Whether the front end takes no time.</summary>
    public bool IsNone => PerRequestSeconds <= 0 && PerPromptTokenSeconds <= 0;

    /// <summary>Service time of a request with <paramref name="promptTokens"/> prompt tokens.</summary>
    public double ServiceSeconds(int promptTokens) => PerRequestSeconds + (PerPromptTokenSeconds * promptTokens);
}
