using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

public sealed class NiceTicksTests
{
    [TestCase(10.0, 5, 2.0)]
    [TestCase(1.0, 5, 0.2)]
    [TestCase(100.0, 4, 20.0)]
    [TestCase(7.0, 7, 1.0)]
    [TestCase(0.03, 3, 0.01)]
    [TestCase(3500.0, 6, 500.0)]
    [TestCase(1e6, 5, 2e5)]
    public void Step_is_a_1_2_5_multiple_near_span_over_count(double span, int count, double expected)
    {
        Assert.That(NiceTicks.Step(span, count), Is.EqualTo(expected).Within(1e-12 * expected));
    }

    [Test]
    public void Linear_ticks_cover_the_range_with_exact_values()
    {
        var ticks = NiceTicks.Linear(0, 1, 0.1);
        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0" }));
    }

    [Test]
    public void Large_linear_ticks_use_k_suffix()
    {
        var ticks = NiceTicks.Linear(0, 40000, 10000);
        Assert.That(ticks.Select(t => t.Label), Is.EqualTo(new[] { "0", "10k", "20k", "30k", "40k" }));
    }

    [Test]
    public void Expand_widens_to_step_multiples()
    {
        Assert.That(NiceTicks.Expand(3.2, 47.9, 10), Is.EqualTo((0.0, 50.0)));
        Assert.That(NiceTicks.Expand(20, 40, 10), Is.EqualTo((20.0, 40.0)));
    }

    [Test]
    public void Log_ticks_are_labelled_decades_with_unlabelled_minors()
    {
        var ticks = NiceTicks.Log(1, 1000, 10);
        var majors = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.That(majors, Is.EqualTo(new[] { "1", "10", "100", "1k" }));
        Assert.That(ticks.Count(t => !t.IsMajor), Is.EqualTo(24));
        Assert.That(ticks.Where(t => !t.IsMajor).All(t => t.Label.Length == 0), Is.True);
    }

    [Test]
    public void Log_ticks_below_one_have_decimals()
    {
        var labels = NiceTicks.Log(0.001, 1, 10).Where(t => t.IsMajor).Select(t => t.Label);
        Assert.That(labels, Is.EqualTo(new[] { "0.001", "0.01", "0.1", "1" }));
    }

    [Test]
    public void Many_decades_thin_labels_and_drop_minors()
    {
        var ticks = NiceTicks.Log(1e-3, 1e9, 4);
        Assert.That(ticks.All(t => t.IsMajor), Is.True);
        Assert.That(ticks.Count(t => t.Label.Length > 0), Is.LessThanOrEqualTo(5));
    }

    [Test]
    public void Value_axis_fits_data_to_nice_bounds()
    {
        var layout = AxisLayout.Values(new Axis(), 3.2, 47.9, 400, isVertical: false, tickSpacingPx: 90);
        Assert.That((layout.Min, layout.Max), Is.EqualTo((0.0, 50.0)));
        Assert.That(layout.Map(0), Is.EqualTo(0));
        Assert.That(layout.Map(50), Is.EqualTo(400));
    }

    [Test]
    public void Log_axis_maps_decades_evenly_and_rejects_non_positive()
    {
        var layout = AxisLayout.Values(new Axis { Scale = AxisScale.Log }, 2, 900, 300, isVertical: true, tickSpacingPx: 48);
        Assert.Multiple(() =>
        {
            Assert.That((layout.Min, layout.Max), Is.EqualTo((2.0, 1000.0)), "snapped out to 1-2-5 values");
            Assert.That(layout.Map(2), Is.EqualTo(300).Within(1e-9));
            Assert.That(layout.Map(20), Is.EqualTo(300 - (300 / Math.Log10(500))).Within(1e-9));
            Assert.That(layout.Map(1000), Is.EqualTo(0).Within(1e-9));
            Assert.That(double.IsNaN(layout.Map(0)), Is.True);
            Assert.That(double.IsNaN(layout.Map(-5)), Is.True);
        });
    }

    [Test]
    public void Flat_data_still_gets_a_visible_axis()
    {
        var layout = AxisLayout.Values(new Axis(), 5, 5, 400, isVertical: false, tickSpacingPx: 90);
        Assert.That(layout.Max, Is.GreaterThan(layout.Min));
    }
}
