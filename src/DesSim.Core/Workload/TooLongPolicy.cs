namespace DesSim.Core.Workload;

/// <summary>What to do with a request whose input + output tokens exceed the model's context length.</summary>
public enum TooLongPolicy
{
    /// <summary>Cut the prompt to <c>max_model_len − 1</c> tokens, then the output to what remains; counted as truncated.</summary>
    Truncate,

    /// <summary>Leave the request out; counted as dropped.</summary>
    Drop,
}
