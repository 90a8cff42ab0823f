using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>The extra root certificates of <see cref="BrowserOptions.ExtraRootCertificates"/>.</summary>
public static class TrustedRoots
{
    /// <summary>Reads the PEM file (its existence is checked when the options are validated at start).</summary>
    public static X509Certificate2Collection Load(string? pemPath)
    {
        var roots = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(pemPath)) return roots;
        roots.ImportFromPemFile(pemPath);
        return roots;
    }

    /// <summary>Base64 SHA-256 of the certificate's SubjectPublicKeyInfo (Chromium's SPKI pin format).</summary>
    public static string SpkiHash(X509Certificate2 certificate) =>
        Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
}
