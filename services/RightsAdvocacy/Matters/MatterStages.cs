namespace Jusou.RightsAdvocacy.Matters;

/// <summary>
/// The order a matter moves in: 相談 → 申立準備 → 申立 → 審判 → 開始 → 定期報告 → 終了. A stage is never skipped (no 審判
/// without a 申立), 定期報告 repeats once a year, and a matter may end (取下げ, 却下, 本人死亡 …) from any stage.
/// </summary>
public static class MatterStages
{
    public const string Consultation = "consultation";
    public const string Preparing = "preparing";
    public const string Petitioned = "petitioned";
    public const string Adjudicated = "adjudicated";
    public const string Started = "started";
    public const string Reporting = "reporting";
    public const string Ended = "ended";

    private static readonly string[] Order = [Consultation, Preparing, Petitioned, Adjudicated, Started, Reporting, Ended];

    /// <summary>Stages in which a guardian can be in office: the 審判 has appointed one.</summary>
    public static readonly IReadOnlySet<string> WithGuardian = new HashSet<string> { Adjudicated, Started, Reporting };

    public static bool CanMove(string from, string to) =>
        from != Ended && (to == Ended || Index(to) == Index(from) + 1 || (from == Reporting && to == Reporting));

    /// <summary>The stage that must come next (for the refusal's explanation).</summary>
    public static string? Next(string from) => from switch
    {
        Ended => null,
        Reporting => Reporting,
        _ => Order[Index(from) + 1],
    };

    /// <summary>Whether <paramref name="stage"/> has been reached by a matter now at <paramref name="current"/>.</summary>
    public static bool Reached(string current, string stage) => Index(current) >= Index(stage);

    private static int Index(string stage) => Array.IndexOf(Order, stage);
}
