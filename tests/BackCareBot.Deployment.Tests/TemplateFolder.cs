using BackCareBot.Tests.Shared;

namespace BackCareBot.Deployment.Tests;

/// <summary>A throw-away copy of a deploymentTemplates folder, for checks that must see a broken template fail.</summary>
internal sealed class TemplateFolder : IDisposable
{
    public TemplateFolder(params string[] source)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bcb-deploy-" + Guid.NewGuid().ToString("N"));
        var from = Repo.File(["deploymentTemplates", .. source]);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(from, file);
            if (relative.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Replaces text that must be there, so a test never passes because the edit silently missed.</summary>
    public void Edit(string relativeFile, string text, string replacement)
    {
        var file = File(relativeFile);
        var content = System.IO.File.ReadAllText(file);
        Assert.Contains(text, content, StringComparison.Ordinal);
        System.IO.File.WriteAllText(file, content.Replace(text, replacement, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
