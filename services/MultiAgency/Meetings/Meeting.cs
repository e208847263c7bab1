namespace Jusou.MultiAgency.Meetings;

/// <summary>
/// A meeting (会議): its type, date, who attended, the cases discussed and what was decided for each (方針), and the
/// minutes. The meeting is one unit: any change to its attendees or items moves its version (ETag).
/// </summary>
[PersonalDataFile("会議記録 (支援会議・重層的支援会議等)", "会議の開催、出席者、検討したケースと方針、議事録の記録。支援会議の議事録は構成員のみ閲覧可 (社会福祉法 第106条の6)",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true, Subjects = "検討された住民、出席した関係機関の職員",
    Sources = "会議での検討、事務局の記録", Recipients = "会議の構成員", RetentionFrom = nameof(Date))]
public sealed class Meeting : ITenantOwned
{
    public const int MinutesMaxLength = 20_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public DateOnly Date { get; private set; }
    /// <summary><see cref="MeetingCodes.Types"/>; fixed once recorded, since who may read the minutes depends on it.</summary>
    public string Type { get; init; } = "";
    /// <summary>議事録. Confidential to the members for a 支援会議.</summary>
    public string? Minutes { get; set; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Set on every change, also of attendees and items, so that the row (and its version) changes with them.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public List<MeetingAttendee> Attendees { get; init; } = [];
    public List<MeetingItem> Items { get; init; } = [];
    public uint Version { get; private set; }

    public bool IsSupportMeeting => Type == MeetingCodes.SupportMeeting;

    public static Meeting Create(DateOnly date, string type, string createdBy, DateTimeOffset now) =>
        new() { Date = date, Type = type, CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now };

    /// <summary>Items carry the meeting's date and type, so the report filters one table by one index.</summary>
    public void Reschedule(DateOnly date)
    {
        Date = date;
        foreach (var item in Items) item.MeetingDate = date;
    }

    public MeetingItem Discuss(Guid caseId, string stream, string? decision, string? note)
    {
        var item = new MeetingItem
        {
            MeetingId = Id, MeetingDate = Date, MeetingType = Type, CaseId = caseId, Stream = stream, Decision = decision, Note = note,
        };
        Items.Add(item);
        return item;
    }

    /// <summary>A member of the meeting: an attendee by subject, or by the organisation the caller acts for.</summary>
    public bool HasMember(string subject, string? organisation) =>
        Attendees.Any(a => (a.SubjectId is not null && a.SubjectId == subject) || (organisation is not null && a.OrganisationCode == organisation));

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.ToTable("meetings");
            meeting.Property(m => m.Type).HasMaxLength(60);
            meeting.Property(m => m.Minutes).HasMaxLength(MinutesMaxLength);
            meeting.Property(m => m.Version).IsRowVersion();
            meeting.Ignore(m => m.IsSupportMeeting);
            // 開催回数 and the monthly lists: meetings of one type in a period.
            meeting.HasIndex(m => new { m.TenantCode, m.Type, m.Date });
            meeting.HasIndex(m => new { m.TenantCode, m.Date });
            meeting.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            meeting.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MeetingAttendee>(attendee =>
        {
            attendee.ToTable("meeting_attendees");
            attendee.Property(a => a.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            attendee.Property(a => a.Role).HasMaxLength(40);
            attendee.Property(a => a.SubjectId).HasMaxLength(AttendeeRequest.SubjectIdMaxLength);
            attendee.HasIndex(a => a.MeetingId);
        });
        modelBuilder.Entity<MeetingItem>(item =>
        {
            item.ToTable("meeting_items");
            item.Property(i => i.MeetingType).HasMaxLength(60);
            item.Property(i => i.Stream).HasMaxLength(40);
            item.Property(i => i.Decision).HasMaxLength(40);
            item.Property(i => i.Note).HasMaxLength(MeetingItem.NoteMaxLength);
            // A case is discussed once per meeting; a second mention is the same discussion.
            item.HasIndex(i => new { i.MeetingId, i.CaseId }).IsUnique();
            // The case-conference report: items of one meeting type in a period, read from the index alone.
            item.HasIndex(i => new { i.TenantCode, i.MeetingType, i.MeetingDate })
                .IncludeProperties(i => new { i.CaseId, i.Stream, i.Decision });
            // Where a case was discussed.
            item.HasIndex(i => new { i.TenantCode, i.CaseId });
        });
    }
}

/// <summary>One attendee: the organisation, the role, and the person attending when known (their token subject).</summary>
public sealed class MeetingAttendee : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid MeetingId { get; init; }
    public string OrganisationCode { get; init; } = "";
    /// <summary><see cref="MeetingCodes.AttendeeRoles"/></summary>
    public string Role { get; init; } = "";
    public string? SubjectId { get; init; }
}

/// <summary>One case discussed at a meeting (検討), under a stream, with the decision (方針) once taken.</summary>
public sealed class MeetingItem : ITenantOwned
{
    public const int NoteMaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid MeetingId { get; init; }
    /// <summary>Copies of the meeting's date and type (see <see cref="Meeting.Reschedule"/>).</summary>
    public DateOnly MeetingDate { get; set; }
    public string MeetingType { get; init; } = "";
    public Guid CaseId { get; init; }
    /// <summary><see cref="MeetingCodes.Streams"/></summary>
    public string Stream { get; set; } = "";
    /// <summary><see cref="MeetingCodes.Decisions"/>; null while the discussion has reached no decision.</summary>
    public string? Decision { get; set; }
    /// <summary>
    /// This recording of <see cref="Decision"/>: what the services opened for it is keyed by it, and a changed or
    /// removed decision is withdrawn by it (<see cref="MeetingDecisions"/>). Null while there is no decision.
    /// </summary>
    public Guid? DecisionId { get; set; }
    /// <summary>Free text: confidential to the members for a 支援会議.</summary>
    public string? Note { get; set; }
}
