namespace Jusou.Participation;

/// <summary>
/// Who does what in 参加支援. There is no participation-support worker role of its own: coordinators (響働コーディネーター,
/// 参加支援員 working under them) do the work, managers follow it, and host organisations (協力事業所, agency_staff)
/// see only their own places and participants through the host view.
/// </summary>
public static class ParticipationRoles
{
    public static readonly string[] Writers = [JusouRoles.Coordinator];
    public static readonly string[] Readers = [JusouRoles.Coordinator, JusouRoles.Manager];
    public static readonly string[] Hosts = [JusouRoles.Coordinator, JusouRoles.Manager, JusouRoles.AgencyStaff];
}
