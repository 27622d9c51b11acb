using BackCareBot.TeamsPackage;

return PackageCommand.Run(args, Path.Combine(AppContext.BaseDirectory, "app"), Console.Out, Console.Error);
