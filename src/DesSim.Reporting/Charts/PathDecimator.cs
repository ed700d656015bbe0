namespace DesSim.Reporting.Charts;

/// <summary>Thins a pixel-space polyline that has far more points than pixel columns, keeping its visible shape.</summary>
/// <remarks>Per pixel column it keeps the first, lowest, highest and last point, in their original order, so spikes
/// survive and the SVG stays small for long time series. NaN points (line breaks) are kept. Deterministic.</remarks>
internal static class PathDecimator
{
    /// <summary>Points per pixel column above which a line is thinned.</summary>
    public const int PointsPerColumnLimit = 4;

    public static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> points, double widthPx)
    {
        if (points.Count <= PointsPerColumnLimit * Math.Max(1, widthPx))
        {
            return points;
        }

        var result = new List<(double X, double Y)>();
        var bucket = new List<int>();
        var column = double.NaN;
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = points[i];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                Flush(points, bucket, result);
                result.Add(points[i]);
                column = double.NaN;
                continue;
            }

            var c = Math.Floor(x);
            if (c != column)
            {
                Flush(points, bucket, result);
                column = c;
            }

            bucket.Add(i);
        }

        Flush(points, bucket, result);
        return result;
    }

    private static void Flush(IReadOnlyList<(double X, double Y)> points, List<int> bucket, List<(double X, double Y)> result)
    {
        if (bucket.Count == 0)
        {
            return;
        }

        var first = bucket[0];
        var last = bucket[^1];
        var low = bucket.MinBy(i => points[i].Y);
        var high = bucket.MaxBy(i => points[i].Y);
        foreach (var i in new[] { first, low, high, last }.Distinct().Order())
        {
            result.Add(points[i]);
        }

        bucket.Clear();
    }
}
