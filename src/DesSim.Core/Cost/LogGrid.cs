namespace DesSim.Core.Cost;

/// <summary>Locates a value on a grid of log2 sizes, for log-log interpolation of measured tables.</summary>
internal static class LogGrid
{
    /// <summary>Slack on the grid's ends, in log2 units, so exact table points count as inside.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>Finds the cell [index, index + 1] of <paramref name="grid"/> (ascending log2 values) that holds log2(<paramref name="value"/>)
    /// and the fraction within it; false outside the grid or for non-positive values.</summary>
    public static bool Bracket(double[] grid, int value, out int index, out double fraction)
    {
        index = 0;
        fraction = 0;
        if (value <= 0)
        {
            return false;
        }

        double x = Math.Log2(value);
        if (x < grid[0] - Tolerance || x > grid[^1] + Tolerance)
        {
            return false;
        }

        if (grid.Length == 1)
        {
            return true;
        }

        int hi = 1;
        while (hi < grid.Length - 1 && grid[hi] < x)
        {
            hi++;
        }

        index = hi - 1;
        fraction = Math.Clamp((x - grid[index]) / (grid[hi] - grid[index]), 0, 1);
        return true;
    }
}
