using System.Text;

namespace AnomalyLab.Notebooks;

/// <summary>Gathers one cell's outputs in the order they happen: console text (merged into stream outputs) and displayed values.</summary>
internal sealed class CellOutputCollector
{
    private readonly List<NotebookOutput> outputs = [];
    private readonly StringBuilder pendingText = new();
    private string pendingStream = "stdout";
    private readonly Lock gate = new();

    /// <summary>Appends console text to the <paramref name="stream"/> (<c>stdout</c> / <c>stderr</c>).</summary>
    public void Write(string stream, string text)
    {
        lock (gate)
        {
            if (pendingText.Length > 0 && pendingStream != stream) FlushText();
            pendingStream = stream;
            pendingText.Append(text);
        }
    }

    /// <summary>Adds an output after any console text written before it.</summary>
    public void Add(NotebookOutput output)
    {
        lock (gate)
        {
            FlushText();
            outputs.Add(output);
        }
    }

    /// <summary>All outputs so far.</summary>
    public IReadOnlyList<NotebookOutput> Outputs
    {
        get
        {
            lock (gate)
            {
                FlushText();
                return outputs.ToArray();
            }
        }
    }

    private void FlushText()
    {
        if (pendingText.Length == 0) return;
        outputs.Add(new StreamOutput(pendingStream, pendingText.ToString()));
        pendingText.Clear();
    }
}
