namespace DesSim.Reporting.Charts;

/// <summary>Running extent of the data on both axes, collected from every series before layout.</summary>
/// <remarks>Non-finite values are ignored. The smallest positive value is kept separately for log axes.</remarks>
internal sealed class DataBounds
{
    public double XMin { get; private set; } = double.PositiveInfinity;

    public double XMax { get; private set; } = double.NegativeInfinity;

    public double XMinPositive { get; private set; } = double.PositiveInfinity;

    public double YMin { get; private set; } = double.PositiveInfinity;

    public double YMax { get; private set; } = double.NegativeInfinity;

    public double YMinPositive { get; private set; } = double.PositiveInfinity;

    public void IncludeX(double x)
    {
        if (!double.IsFinite(x))
        {
            return;
        }

        XMin = Math.Min(XMin, x);
        XMax = Math.Max(XMax, x);
        if (x > 0)
        {
            XMinPositive = Math.Min(XMinPositive, x);
        }
    }

    public void IncludeY(double y)
    {
        if (!double.IsFinite(y))
        {
            return;
        }

        YMin = Math.Min(YMin, y);
        YMax = Math.Max(YMax, y);
        if (y > 0)
        {
            YMinPositive = Math.Min(YMinPositive, y);
        }
    }

    /// <summary>Lowers the smallest positive x (used only by log axes) without touching the linear extent.</summary>
    public void IncludeXForLogOnly(double x)
    {
        if (x > 0 && double.IsFinite(x))
        {
            XMinPositive = Math.Min(XMinPositive, x);
        }
    }

    /// <summary>Lowers the smallest positive y (used only by log axes) without touching the linear extent.</summary>
    public void IncludeYForLogOnly(double y)
    {
        if (y > 0 && double.IsFinite(y))
        {
            YMinPositive = Math.Min(YMinPositive, y);
        }
    }
}
