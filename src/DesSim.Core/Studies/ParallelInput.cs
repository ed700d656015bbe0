namespace DesSim.Core.Studies;

/// <summary>Parallel loops whose first <see cref="InputException"/> surfaces as itself (exit code 2), not wrapped.</summary>
public static class ParallelInput
{
    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>−1 on up to <paramref name="workers"/> threads, lowest index first.</summary>
    public static void For(int count, int workers, Action<int> body)
    {
        try
        {
            var indices = System.Collections.Concurrent.Partitioner.Create(Enumerable.Range(0, count), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(indices, new ParallelOptions { MaxDegreeOfParallelism = workers }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is InputException) is InputException input)
        {
            throw input;
        }
    }
}
