namespace DesSim.Reporting.Output;

/// <summary>An output written into staging and published by <see cref="Commit"/> (a directory or a single file).</summary>
public interface IStagedOutput : IDisposable
{
    /// <summary>Where the output is published (absolute).</summary>
    string Target { get; }

    /// <summary>Throws the error <see cref="Commit"/> would hit on the target as it stands (a file in the way, foreign files).</summary>
    void CheckPublishable();

    /// <summary>Publishes the staged output with one rename.</summary>
    void Commit();
}
