using DesSim.Core.Fidelity.Calibration;
using DesSim.Core.Cost;
using DesSim.Core.Fidelity.Validation;

namespace DesSim.Core.Tests.Calibration;

/// <summary>The shipped power constants are the fit the validation suite reproduces, and the fit's rows are as documented.</summary>
public sealed class PowerFitTests
{
    [Test]
    public void ShippedActivitiesEqualTheSplitwiseFit()
    {
        var engine = EngineFitter.Fit(SplitwiseRuns.Load(), "fit").Engine;
        var fit = PowerValidation.Run(engine);
        Assert.That(fit.MemoryBoundActivity, Is.EqualTo(PowerModel.MemoryBoundActivity).Within(0.0005));
        Assert.That(fit.CommunicationActivity, Is.EqualTo(PowerModel.CommunicationActivity).Within(0.0005));
        Assert.That(fit.FitRows, Is.EqualTo(20));
        Assert.That(fit.Cases.Where(c => c.Role == "held-out").All(c => c.Id.Contains("-tp4-", StringComparison.Ordinal)), Is.True);
    }
}
