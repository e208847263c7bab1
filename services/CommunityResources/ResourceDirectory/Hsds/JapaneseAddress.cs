using System.Text;
using System.Text.RegularExpressions;

namespace Jusou.CommunityResources.ResourceDirectory.Hsds;

/// <summary>
/// A place's address as recorded (one line, written the Japanese way: 〒396-8617 長野県伊那市下新田3050) split into
/// the parts an HSDS address requires: postal code, 都道府県 (state_province), 市区町村 (city; 郡 with its 町 or 村)
/// and the rest (address_1). An address without one of them is not split: nothing is guessed.
/// </summary>
public sealed partial record JapaneseAddress(string PostalCode, string Prefecture, string City, string Rest)
{
    public static JapaneseAddress? TryRead(string? recorded)
    {
        if (string.IsNullOrWhiteSpace(recorded)) return null;
        // full-width digits and hyphens (３９６－８６１７) read as ASCII ones
        var text = recorded.Normalize(NormalizationForm.FormKC).Trim();
        var match = Parts().Match(text);
        if (!match.Success) return null;
        var rest = match.Groups["rest"].Value.Trim();
        if (rest.Length == 0) return null;
        return new JapaneseAddress($"{match.Groups["zip3"].Value}-{match.Groups["zip4"].Value}", match.Groups["prefecture"].Value,
            match.Groups["city"].Value, rest);
    }

    [GeneratedRegex(@"^〒?\s*(?<zip3>[0-9]{3})[-‐−ー]?(?<zip4>[0-9]{4})\s*(?<prefecture>北海道|東京都|京都府|大阪府|\p{L}{2,3}県)\s*(?<city>[^\s市区]+?郡[^\s]+?[町村]|[^\s]+?[市区町村])(?<rest>.*)$")]
    private static partial Regex Parts();
}
