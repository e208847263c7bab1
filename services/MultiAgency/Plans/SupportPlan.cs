namespace Jusou.MultiAgency.Plans;

/// <summary>
/// One version of a case's 支援プラン: goals (目標・方向性), actions each assigned to an organisation (役割分担), and a
/// review date. A version is drafted (a new version starts as a copy of the latest), edited while a draft, approved by a
/// meeting — after which it never changes — and evaluated at its review. Only one draft per case at a time.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase), Via = nameof(CaseId))]
public sealed class SupportPlan : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    /// <summary>1, 2, 3 … per case.</summary>
    public int Number { get; init; }
    /// <summary><see cref="PlanCodes.Statuses"/></summary>
    public string Status { get; set; } = PlanCodes.Draft;
    public DateOnly? ReviewOn { get; set; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Set on every change, so the row (and so its version, the ETag) changes even when only goals or actions did.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? MeetingId { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateOnly? EvaluatedOn { get; set; }
    public string? EvaluatedBy { get; set; }
    /// <summary><see cref="PlanCodes.NextSteps"/></summary>
    public string? NextStep { get; set; }
    public string? EvaluationNote { get; set; }
    public List<PlanGoal> Goals { get; init; } = [];
    public List<PlanAction> Actions { get; init; } = [];
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SupportPlan>(plan =>
        {
            plan.ToTable("support_plans");
            plan.Property(p => p.Status).HasMaxLength(20);
            plan.Property(p => p.NextStep).HasMaxLength(40);
            plan.Property(p => p.EvaluationNote).HasMaxLength(PlanRequest.TextMaxLength);
            plan.Property(p => p.Version).IsRowVersion();
            plan.HasIndex(p => new { p.CaseId, p.Number }).IsUnique();
            // One draft per case, whatever races.
            plan.HasIndex(p => p.CaseId).IsUnique().HasFilter("status = 'draft'").HasDatabaseName("ix_support_plans_one_draft");
            plan.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
            plan.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PlanGoal>(goal =>
        {
            goal.ToTable("support_plan_goals");
            goal.Property(g => g.Term).HasMaxLength(40);
            goal.Property(g => g.Text).HasMaxLength(PlanRequest.TextMaxLength);
            goal.Property(g => g.Result).HasMaxLength(40);
            goal.Property(g => g.ResultNote).HasMaxLength(PlanRequest.TextMaxLength);
        });
        modelBuilder.Entity<PlanAction>(action =>
        {
            action.ToTable("support_plan_actions");
            action.Property(a => a.Kind).HasMaxLength(40);
            action.Property(a => a.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            action.Property(a => a.Description).HasMaxLength(PlanRequest.TextMaxLength);
            action.HasIndex(a => new { a.PlanId, a.ActionId }).IsUnique();
        });
    }
}

/// <summary>目標・方向性, and at the review how far it was reached.</summary>
public sealed class PlanGoal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlanId { get; init; }
    public int Position { get; init; }
    /// <summary><see cref="PlanCodes.GoalTerms"/></summary>
    public string? Term { get; init; }
    /// <summary>The goal in the person's and the team's words (confidential text).</summary>
    public string Text { get; init; } = "";
    /// <summary><see cref="PlanCodes.GoalResults"/>, once evaluated.</summary>
    public string? Result { get; set; }
    public string? ResultNote { get; set; }
}

/// <summary>
/// One action of the plan, assigned to an organisation. <see cref="ActionId"/> is the action's identity across plan
/// versions: a new version copies it, so the receiving service (which keys its request/target/matter on it) knows a
/// re-approved action is the same work continuing, not new work.
/// </summary>
public sealed class PlanAction
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlanId { get; init; }
    public Guid ActionId { get; init; }
    public int Position { get; init; }
    /// <summary><see cref="PlanCodes.ActionKinds"/></summary>
    public string Kind { get; init; } = "";
    public string OrganisationCode { get; init; } = "";
    /// <summary>What the organisation will do (confidential text; never sent in events).</summary>
    public string? Description { get; init; }
    public DateOnly? DueOn { get; init; }
    public List<string> NeedCodes { get; init; } = [];
}
