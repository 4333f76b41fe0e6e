namespace ShapeSafe.Cli.Hosting;

/// <summary>The CLI's exit codes: 0 clean, 1 a finding (shape error, failed training), 2 a usage error.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Findings = 1;
    public const int Usage = 2;
}
