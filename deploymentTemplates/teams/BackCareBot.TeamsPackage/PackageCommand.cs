namespace BackCareBot.TeamsPackage;

/// <summary>The command line: writes the package, or says in one line which option to fix.</summary>
public static class PackageCommand
{
    public static int Run(IReadOnlyList<string> args, string sourceFolder, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            output.WriteLine(PackageSettings.Usage);
            return args.Count == 0 ? 2 : 0;
        }

        try
        {
            var zip = TeamsAppPackage.Write(sourceFolder, PackageSettings.Parse(args));
            output.WriteLine($"Wrote {zip}: upload it in Teams (Apps > Manage your apps > Upload an app).");
            return 0;
        }
        catch (PackageSettingsException e)
        {
            error.WriteLine($"Teams package not written: {e.Message}");
            error.WriteLine(PackageSettings.Usage);
            return 2;
        }
    }
}
