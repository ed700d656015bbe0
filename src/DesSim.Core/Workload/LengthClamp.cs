namespace DesSim.Core.Workload;

/// <summary>Applies the ≥ 1-token rule and the <c>max_model_len</c> limit to a request's lengths.</summary>
/// <remarks>
/// Truncation keeps the prompt whole when it fits (cutting the output to what remains) and otherwise cuts the prompt
/// to <c>max_model_len − 1</c> with one output token — the way serving engines cap generation at the context length.
/// </remarks>
internal sealed class LengthClamp(int? maxModelLenTokens, TooLongPolicy policy, WorkloadDiagnostics diagnostics)
{
    /// <summary>Adjusts the lengths; false when the request is dropped.</summary>
    public bool Apply(ref int input, ref int output)
    {
        if (input < 1 || output < 1)
        {
            input = Math.Max(input, 1);
            output = Math.Max(output, 1);
            diagnostics.RaisedToOneToken++;
        }

        if (maxModelLenTokens is not { } max || (long)input + output <= max)
        {
            return true;
        }

        if (policy == TooLongPolicy.Drop)
        {
            diagnostics.DroppedTooLong++;
            return false;
        }

        input = Math.Min(input, max - 1);
        output = Math.Max(1, Math.Min(output, max - input));
        diagnostics.Truncated++;
        return true;
    }
}
