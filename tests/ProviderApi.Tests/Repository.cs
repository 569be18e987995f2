namespace ProviderApi.Tests;

/// <summary>Files of the repository itself, so tests read the very scripts a DBA runs.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ProviderApi.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ProviderApi.sln not found above " + AppContext.BaseDirectory);
    }
}
