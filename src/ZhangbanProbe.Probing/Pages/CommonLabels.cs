using System.Text.RegularExpressions;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>Labels more than one probe looks for on an entry page.</summary>
public static class CommonLabels
{
    /// <summary>The 登录 entry (login-options reads the page; privacy-policy looks there for the documents login pages carry).</summary>
    public static readonly Regex[] Login = [new("^(登录|登 录|用户登录|个人登录|登录/注册|登录注册|请登录|注册/登录|注册登录)$"), new("(登录)")];
}
