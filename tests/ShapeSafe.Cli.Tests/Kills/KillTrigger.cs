namespace ShapeSafe.Tests.Kills;

/// <summary>When a kill test SIGKILLs the training process.</summary>
public enum KillTrigger
{
    /// <summary>At the process's first line of output: while it loads the data, or as it resumes, before any epoch of this run.</summary>
    FirstLine,

    /// <summary>Right after the Nth epoch line: the next epoch has begun.</summary>
    AfterEpochLine,

    /// <summary>When the Nth temporary file appears in the output folder: in the middle of a checkpoint or metrics write.</summary>
    DuringWrite,
}
