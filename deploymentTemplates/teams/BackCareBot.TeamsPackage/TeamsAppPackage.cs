using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackCareBot.TeamsPackage;

/// <summary>
/// The Teams app package: the manifest with the bot's ids and domain filled in, the two icons and the translation
/// files (<c>localizationInfo</c>) it names, at the zip root.
/// </summary>
public static class TeamsAppPackage
{
    // Relaxed escaping keeps quotes and non-ASCII text readable in the manifest a reviewer opens from the zip.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest from <paramref name="sourceFolder"/> with the settings applied.</summary>
    public static JsonObject Manifest(string sourceFolder, PackageSettings settings)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(sourceFolder, "manifest.json")))!.AsObject();
        manifest["id"] = settings.TeamsAppId;
        manifest["bots"]![0]!["botId"] = settings.BotAppId;
        manifest["validDomains"] = new JsonArray(settings.BotDomain);
        if (settings.Version is not null)
        {
            manifest["version"] = settings.Version;
        }

        return manifest;
    }

    /// <summary>Writes the zip to <see cref="PackageSettings.Output"/> (replacing it) and returns its full path.</summary>
    public static string Write(string sourceFolder, PackageSettings settings)
    {
        var manifest = Manifest(sourceFolder, settings);
        var output = Path.GetFullPath(settings.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.Delete(output);

        using var zip = ZipFile.Open(output, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
        {
            writer.Write(manifest.ToJsonString(Indented));
        }

        foreach (var file in FilesNamedBy(manifest))
        {
            zip.CreateEntryFromFile(Path.Combine(sourceFolder, file), file);
        }

        return output;
    }

    /// <summary>The files beside the manifest that it names: the icons and each additional language's strings.</summary>
    public static IEnumerable<string> FilesNamedBy(JsonObject manifest)
    {
        yield return manifest["icons"]!["color"]!.GetValue<string>();
        yield return manifest["icons"]!["outline"]!.GetValue<string>();
        foreach (var language in manifest["localizationInfo"]?["additionalLanguages"]?.AsArray() ?? [])
        {
            yield return language!["file"]!.GetValue<string>();
        }
    }
}
