using Jusou.Intake.Codes;

namespace Jusou.Intake.Referrals;

/// <summary>Who moves a referral: the organisation it was sent to, or the city's intake staff who sent it.</summary>
public enum ReferralParty { Receiver, Sender }

/// <summary>
/// 他機関へつなぎ as a closed loop, in the states of the FHIR SDOH closed-loop referral (Task.status): requested, then
/// accepted or rejected by the receiver, in-progress and on-hold while it works, completed with what was delivered or
/// failed; the sender may cancel it until it has ended. No referral is silently dropped: open ones stay visible until
/// they end, and every move is kept in <see cref="History"/>.
/// </summary>
[PartOfPersonalDataFile(typeof(Consultations.Consultation))]
public sealed class Referral : ITenantOwned
{
    public const string Requested = "requested";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string InProgress = "in_progress";
    public const string OnHold = "on_hold";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public const int AnswerMaxLength = 2000;
    public const int OutputNoteMaxLength = 500;
    public const int ReasonMaxLength = 2000;

    /// <summary>
    /// Every allowed move and who makes it. The receiver answers (accept/reject a request, then in-progress, on-hold,
    /// completed or failed); the sender cancels while the referral has not ended. rejected, cancelled, completed and
    /// failed are final: a new need is a new referral.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string From, string To), ReferralParty> Transitions =
        new Dictionary<(string From, string To), ReferralParty>
        {
            [(Requested, Accepted)] = ReferralParty.Receiver,
            [(Requested, Rejected)] = ReferralParty.Receiver,
            [(Requested, Cancelled)] = ReferralParty.Sender,
            [(Accepted, InProgress)] = ReferralParty.Receiver,
            [(Accepted, OnHold)] = ReferralParty.Receiver,
            [(Accepted, Completed)] = ReferralParty.Receiver,
            [(Accepted, Failed)] = ReferralParty.Receiver,
            [(Accepted, Cancelled)] = ReferralParty.Sender,
            [(InProgress, OnHold)] = ReferralParty.Receiver,
            [(InProgress, Completed)] = ReferralParty.Receiver,
            [(InProgress, Failed)] = ReferralParty.Receiver,
            [(InProgress, Cancelled)] = ReferralParty.Sender,
            [(OnHold, InProgress)] = ReferralParty.Receiver,
            [(OnHold, Failed)] = ReferralParty.Receiver,
            [(OnHold, Cancelled)] = ReferralParty.Sender,
        };

    /// <summary>Today's statuses under the names this API used before the FHIR vocabulary; accepted as input, never stored.</summary>
    public static readonly IReadOnlyDictionary<string, string> LegacyStatuses = new Dictionary<string, string>
    {
        ["sent"] = Requested,
        ["done"] = Completed,
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid ConsultationId { get; init; }
    public string OrganisationCode { get; init; } = "";
    /// <summary>Why this organisation (confidential).</summary>
    public string? Reason { get; init; }
    public string SharingRule { get; init; } = "";
    /// <summary><see cref="IntakeCodes.ReferralStatuses"/></summary>
    public string Status { get; private set; } = Requested;
    /// <summary>The latest words of whoever moved it (confidential).</summary>
    public string? Answer { get; private set; }
    public DateTimeOffset SentAt { get; init; }
    public string SentBy { get; init; } = "";
    /// <summary>The receiver's latest move.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    /// <summary>When it was completed.</summary>
    public DateTimeOffset? DoneAt { get; private set; }
    /// <summary>What was delivered, when completed: <see cref="IntakeCodes.ReferralOutputs"/>, and a short note.</summary>
    public string? OutputCode { get; private set; }
    public string? OutputNote { get; private set; }
    public List<ReferralStatusChange> History { get; init; } = [];
    public uint Version { get; private set; }

    public static bool IsFinal(string status) => status is Rejected or Cancelled or Completed or Failed;

    /// <summary>The party that may move a referral from <paramref name="from"/> to <paramref name="to"/>, or null when no one may.</summary>
    public static ReferralParty? WhoMayMove(string from, string to) => Transitions.TryGetValue((from, to), out var party) ? party : null;

    /// <summary>Where a referral at <paramref name="from"/> may go, and by whom (for refusals and the docs).</summary>
    public static IEnumerable<string> AllowedFrom(string from) =>
        Transitions.Keys.Where(k => k.From == from).Select(k => $"{k.To} ({(Transitions[k] == ReferralParty.Receiver ? "receiver" : "sender")})");

    /// <summary>
    /// Moves the referral to <paramref name="to"/> when <paramref name="party"/> may; returns the change, or the refusal
    /// (a move no one may make, naming the current status; or a move the other party makes).
    /// </summary>
    public (ReferralStatusChange? Change, ReferralRefusal? Refusal) Move(string to, ReferralParty party, string? answer, string? outputCode,
        string? outputNote, string by, DateTimeOffset at)
    {
        if (WhoMayMove(Status, to) is not { } allowed)
        {
            var next = AllowedFrom(Status).ToList();
            return (null, new ReferralRefusal(false, $"The referral is '{Status}' and cannot become '{to}'. " +
                (next.Count == 0 ? $"'{Status}' is final." : $"From '{Status}' it may become: {string.Join(", ", next)}.")));
        }
        if (allowed != party)
        {
            return (null, new ReferralRefusal(true, allowed == ReferralParty.Receiver
                ? $"Only the receiving organisation ({OrganisationCode}) moves a referral to '{to}'."
                : $"Only the city's intake staff who sent it cancel a referral."));
        }

        var change = new ReferralStatusChange
        {
            ReferralId = Id, FromStatus = Status, Status = to, By = by, Party = party == ReferralParty.Receiver ? "receiver" : "sender",
            At = at, Note = answer,
        };
        History.Add(change);
        Status = to;
        Answer = answer;
        if (party == ReferralParty.Receiver)
        {
            AnsweredAt = at;
            AnsweredBy = by;
        }
        if (to == Completed)
        {
            DoneAt = at;
            OutputCode = outputCode;
            OutputNote = outputNote;
        }
        return (change, null);
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Referral>(referral =>
        {
            referral.Property(r => r.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            referral.Property(r => r.Reason).HasMaxLength(ReasonMaxLength);
            referral.Property(r => r.SharingRule).HasMaxLength(40);
            referral.Property(r => r.Status).HasMaxLength(20);
            referral.Property(r => r.Answer).HasMaxLength(AnswerMaxLength);
            referral.Property(r => r.OutputCode).HasMaxLength(40);
            referral.Property(r => r.OutputNote).HasMaxLength(OutputNoteMaxLength);
            referral.Property(r => r.Version).IsRowVersion();
            referral.HasIndex(r => new { r.TenantCode, r.OrganisationCode, r.Status });
            referral.HasIndex(r => r.ConsultationId);
            referral.HasMany(r => r.History).WithOne().HasForeignKey(c => c.ReferralId);
        });
        modelBuilder.Entity<ReferralStatusChange>(change =>
        {
            change.ToTable("referral_status_changes");
            change.Property(c => c.FromStatus).HasMaxLength(20);
            change.Property(c => c.Status).HasMaxLength(20);
            change.Property(c => c.Party).HasMaxLength(20);
            change.Property(c => c.Note).HasMaxLength(AnswerMaxLength);
        });
    }
}

/// <param name="WrongParty">True when the move exists but belongs to the other party (403); false when no one may make it (409).</param>
public sealed record ReferralRefusal(bool WrongParty, string Detail);

/// <summary>One move of a referral, kept for ever: from, to, who (and for which party), when, and their words (confidential).</summary>
public sealed class ReferralStatusChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReferralId { get; init; }
    public string FromStatus { get; init; } = "";
    public string Status { get; init; } = "";
    public string By { get; init; } = "";
    /// <summary>receiver or sender.</summary>
    public string Party { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string? Note { get; init; }
}
