namespace DesSim.Core.Tests.Workload;

/// <summary>Deletes the workload tests' temporary files after the run.</summary>
[SetUpFixture]
public sealed class WorkloadTempCleanup
{
    [OneTimeTearDown]
    public void DeleteTempFiles()
    {
        if (Directory.Exists(WorkloadTestKit.TempRoot))
        {
            Directory.Delete(WorkloadTestKit.TempRoot, recursive: true);
        }
    }
}
