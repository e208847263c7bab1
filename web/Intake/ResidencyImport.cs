using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jusou.Web.Gateway;

namespace Jusou.Web.Intake;

/// <summary>
/// The 住民異動 file as the console sends it to the Intake API (the bytes as they are, with their charset), and what the
/// API answers, in the words of the screen: 異動事由, outcomes, why a line was not read, and a refused file with what to do.
/// </summary>
public static partial class ResidencyImport
{
    public const string Path = "/api/intake/residency-changes/imports";

    /// <summary>The largest file the gateway takes in one request (GatewayLimits: 1 MiB).</summary>
    public const long MaxBytes = 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, string> OutcomeLabels = new Dictionary<string, string>
    {
        ["open_records_flagged"] = "反映済み（支援中のケース・アウトリーチ対象に注意喚起）",
        ["name_updated"] = "反映済み（氏名を更新）",
        ["address_updated"] = "反映済み（住所を更新）",
        ["resident_again"] = "反映済み（住民に戻した）",
        ["recorded"] = "反映済み（記録のみ）",
        ["already_applied"] = "前回までに取り込み済み（変更なし）",
        ["unknown_atena_number"] = "照合できず（この宛名番号の人が登録されていません）",
    };

    public static string Outcome(string code) => OutcomeLabels.GetValueOrDefault(code, code);

    /// <summary>
    /// The charset to send: the one chosen, or found from the bytes — UTF-8 when they are valid UTF-8 (a BOM, or none),
    /// otherwise Shift_JIS, as a 宛名 system usually writes.
    /// </summary>
    public static string CharsetOf(byte[] bytes, string? chosen)
    {
        if (chosen is "utf-8" or "shift_jis") return chosen;
        try
        {
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return "utf-8";
        }
        catch (DecoderFallbackException)
        {
            return "shift_jis";
        }
    }

    public static async Task<ApiResult<ResidencyImportReport>> Send(GatewayApi api, byte[] bytes, string charset)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = charset };
        var answer = await api.PostContent<ResidencyImportReport>(Path, content);
        return answer.Problem is { } problem ? answer with { Problem = Explain(problem) } : answer;
    }

    /// <summary>A refused file, told for this screen: what was wrong with the file and what to do.</summary>
    public static ApiProblem Explain(ApiProblem problem)
    {
        var detail = problem.Detail ?? "";
        (string Message, string Advice)? told = problem.Status switch
        {
            413 => ("ファイルが大きすぎます。",
                $"1回に取り込めるのは {MaxBytes / 1024 / 1024} MB までです。宛名システムから異動日の期間を分けて書き出し、順に取り込んでください。"),
            415 => ("CSV ファイルとして受け付けられませんでした。", "宛名システムから CSV 形式で書き出したファイルを選んでください。"),
            400 when detail.Contains("not valid UTF-8", StringComparison.Ordinal) => ("ファイルを UTF-8 として読めませんでした。",
                "宛名システムのファイルは Shift_JIS のことが多いです。文字コードで「Shift_JIS」を選んで、もう一度取り込んでください。"),
            400 when detail.Contains("not valid Shift_JIS", StringComparison.Ordinal) => ("ファイルを Shift_JIS として読めませんでした。",
                "文字コードで「UTF-8」を選んで、もう一度取り込んでください。読めないときは宛名システムから書き出し直してください。"),
            400 when detail.Contains("is not read", StringComparison.Ordinal) => ("この文字コードのファイルは読めません。",
                "UTF-8 か Shift_JIS で書き出したファイルを選んでください。"),
            400 when detail.Contains("empty", StringComparison.Ordinal) => ("ファイルが空です。",
                "1行目に見出し（宛名番号,異動事由,異動日）のあるファイルを選んで、もう一度取り込んでください。"),
            400 when detail.Contains("header lacks", StringComparison.Ordinal) => ("見出し行に必要な列がありません。",
                "1行目に「宛名番号」「異動事由」「異動日」の列名があるか確かめてから、もう一度取り込んでください。何も変更していません。"),
            400 => ("ファイルを読み取れませんでした。", "宛名システムから書き出した住民異動の CSV ファイルか確かめて、もう一度取り込んでください。何も変更していません。"),
            _ => null,
        };
        return told is { } t ? problem with { Message = t.Message, Advice = t.Advice } : problem;
    }

    /// <summary>Why a line was not read, in Japanese (the API's words when not known here), naming the 異動事由 it may have.</summary>
    public static string LineError(string error, IEnumerable<string> changeLabels)
    {
        if (error.StartsWith("The line is not well-formed CSV", StringComparison.Ordinal)) return "CSV の形式が正しくありません（引用符 \" の閉じ忘れなど）。";
        if (error.StartsWith("宛名番号 is missing", StringComparison.Ordinal)) return "宛名番号がないか、半角英数字 1〜20 文字ではありません。";
        if (Quoted().Match(error) is { Success: true } quoted)
        {
            var value = quoted.Groups["value"].Value;
            if (error.StartsWith("異動事由", StringComparison.Ordinal))
                return $"異動事由「{value}」は読めません（{string.Join("・", changeLabels)} のいずれかにしてください）。";
            if (error.StartsWith("異動日", StringComparison.Ordinal))
                return $"異動日「{value}」は日付として読めません（2026-04-01 または 20260401 の形にしてください）。";
        }
        if (error.StartsWith("氏名変更 needs", StringComparison.Ordinal)) return "氏名変更には新しい氏名または氏名カナが必要です。";
        if (error.EndsWith(" is too long.", StringComparison.Ordinal)) return $"{error[..error.IndexOf(' ', StringComparison.Ordinal)]}が長すぎます。";
        if (Gaiji().Match(error) is { Success: true } gaiji)
            return $"{gaiji.Groups["field"].Value}に、この自治体で登録されていない外字（{gaiji.Groups["code"].Value}）があります。外字を登録するか、標準の文字で書いてください。";
        return error;
    }

    [GeneratedRegex("'(?<value>[^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("^(?<field>[^:]+): (?<code>U\\+[0-9A-F]+) is a private-use character")]
    private static partial Regex Gaiji();
}
