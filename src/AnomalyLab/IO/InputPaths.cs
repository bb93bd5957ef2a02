namespace AnomalyLab.IO;

/// <summary>Checks on input paths shared by readers: an input file must be a regular file (not a pipe, device or folder).</summary>
public static class InputPaths
{
    /// <summary>
    /// Refuses <paramref name="path"/> unless it (following links) is a regular file: a device such as <c>/dev/zero</c> or a
    /// pipe never ends, a folder is not a file. <paramref name="what"/> names the input in the message (e.g. "scores CSV").
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Something other than a regular file.</exception>
    public static void RequireRegularFile(string path, string what)
    {
        FileNode node = FileNode.InspectTarget(path);
        if (node.Kind == FileNodeKind.Missing) throw new FileNotFoundException($"{path}: {what} not found.", path);
        if (node.Kind != FileNodeKind.Regular)
            throw new InvalidDataException($"{path}: is {node.Describe()}, expected a regular file ({what}).");
    }
}
