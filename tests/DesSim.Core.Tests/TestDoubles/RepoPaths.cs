namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Locates the repository (the folder holding DesSim.sln) from the test's working directory.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DesSim.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("DesSim.sln not found above the test directory");
        }
    }

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);
}
