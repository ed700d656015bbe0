namespace DesSim.Core.Workload;

/// <summary>Applies the ≥ 1-token rule and the <c>max_model_len</c> limit to a request's lengths.</summary>
/// <remarks>
/// Truncation keeps the prompt whole when it fits (cutting the output to what remains) and otherwise cuts the prompt
/// to <c>max_model_len − 1</c> with one output token — the way serving engines cap generation at the context length.
/// A generated source (synthetic, closed loop) passes <c>boundDrops</c>: <see cref="MaxConsecutiveDrops"/> drops in a row
/// mean no sampled request fits, which would otherwise loop forever looking for one.
/// </remarks>
internal sealed class LengthClamp(int? maxModelLenTokens, TooLongPolicy policy, WorkloadDiagnostics diagnostics, bool boundDrops = false)
{
    /// <summary>Consecutive dropped samples after which a generated workload is refused (a million: at a true drop rate
    /// of 99.999% this many in a row happens with probability e⁻¹⁰; sampling them takes well under a second).</summary>
    public const int MaxConsecutiveDrops = 1_000_000;

    private int _consecutiveDrops;

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
            _consecutiveDrops = 0;
            return true;
        }

        if (policy == TooLongPolicy.Drop)
        {
            diagnostics.DroppedTooLong++;
            if (boundDrops && ++_consecutiveDrops >= MaxConsecutiveDrops)
            {
                throw new InputException(null, "workload.max_model_len", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{max} tokens with on_too_long: drop dropped {MaxConsecutiveDrops:N0} sampled requests in a row (e.g. {input} + {output} tokens): no request of this workload fits"), "raise max_model_len, shorten input_tokens/output_tokens, or use on_too_long: truncate");
            }

            return false;
        }

        _consecutiveDrops = 0;
        input = Math.Min(input, max - 1);
        output = Math.Max(1, Math.Min(output, max - input));
        diagnostics.Truncated++;
        return true;
    }
}
