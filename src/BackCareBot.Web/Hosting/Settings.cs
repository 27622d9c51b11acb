using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Hosting;

/// <summary>
/// Settings sections bound to options classes, each with a validator that runs at start-up: a bad setting stops the
/// bot with one "BackCareBot cannot start:" line that names it, before anything is served.
/// </summary>
public static partial class Settings
{
    // The annotations say what the container and the options factory create (kept when the app is trimmed, Native AOT).
    /// <summary>Checks a bound section with <typeparamref name="TValidator"/> at start-up (bind at the call site: the binder is source-generated).</summary>
    public static OptionsBuilder<TOptions> ValidatedBy<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this OptionsBuilder<TOptions> options)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        options.Services.AddSingleton<ISettingsSection, SettingsSection<TOptions>>();
        return options.ValidateOnStart();
    }

    /// <summary>Reads every section checked with <see cref="ValidatedBy{TOptions, TValidator}"/>; false (and logged) if one is bad.</summary>
    public static bool HasValidSettings(this WebApplication app)
    {
        try
        {
            foreach (var section in app.Services.GetServices<ISettingsSection>())
            {
                section.Read();
            }

            return true;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            // A value the binder cannot convert (Storage:Kind=Disk) names its key in an InvalidOperationException.
            LogInvalidSettings(app.Logger, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "BackCareBot cannot start: {Problem}")]
    private static partial void LogInvalidSettings(ILogger logger, string problem);

    private interface ISettingsSection
    {
        void Read();
    }

    private sealed class SettingsSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IOptions<TOptions> options) : ISettingsSection
        where TOptions : class
    {
        public void Read() => _ = options.Value;
    }
}
