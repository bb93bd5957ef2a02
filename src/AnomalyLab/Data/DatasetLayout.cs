namespace AnomalyLab.Data;

/// <summary>Folder and file-name convention of a dataset root.</summary>
public enum DatasetLayout
{
    /// <summary>Decide from the folder contents (see <see cref="DatasetScanner.DetectLayout"/>).</summary>
    Auto,

    /// <summary>DCASE 2020 Task 2: <c>&lt;root&gt;/&lt;machine_type&gt;/{train,test}/{normal,anomaly}_id_XX_NNNNNNNN.wav</c> (eval test: <c>id_XX_NNNNNNNN.wav</c>).</summary>
    Dcase2020,

    /// <summary>
    /// DCASE 2021–2023 Task 2: <c>&lt;root&gt;/&lt;machine_type&gt;/{train,test}/section_XX_{source,target}_{train,test}_{normal,anomaly}_NNNN_&lt;attributes&gt;.wav</c>,
    /// or the flat form with the machine type and split prefixed, <c>&lt;root&gt;/&lt;type&gt;_&lt;split&gt;_section_...wav</c>.
    /// </summary>
    Dcase2023,

    /// <summary>MIMII raw: <c>&lt;root&gt;/&lt;snr&gt;_&lt;machine&gt;/&lt;machine&gt;/id_XX/{normal,abnormal}/NNNNNNNN.wav</c> (8 channels).</summary>
    MimiiRaw,
}
