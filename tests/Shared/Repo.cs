namespace BackCareBot.Tests.Shared;

/// <summary>Finds the repository and the shared reference folder (../shared/reference beside the clone).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The reference material; BACKCAREBOT_REFERENCE overrides the default ../shared/reference.</summary>
    public static string Reference { get; } =
        Environment.GetEnvironmentVariable("BACKCAREBOT_REFERENCE") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    public static string ReferenceFile(params string[] parts) => Path.Combine([Reference, .. parts]);

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "BackCareBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BackCareBot.sln not found above " + AppContext.BaseDirectory);
    }
}
