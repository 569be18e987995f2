using ProviderApi.Relay;

namespace ProviderApi.Tests.Relay;

/// <summary>The plug-in launch string (§3.1), exactly as the contract settles it.</summary>
public sealed class LaunchStringTests
{
    private static LaunchParameters Doctor() => new()
    {
        HisUserId = "1001",
        Type = "1",
        DoctorName = "张医生",
        Department = "心血管内科",
        DepartmentCode = "0101",
        DoctorSex = "1",
        DoctorIdCardNo = "11010519491231002X",
        DoctorCode = "D450103000123",
        DoctorType = "1",
        HospitalId = "H45012400317",
        PhoneNumber = "17000001234",
    };

    [Fact]
    public void The_documents_own_example_is_reproduced()
    {
        // §3.1: WYHT://hisUserId=1001&type=1&doctorName=张医生 becomes ...doctorName=$E5$BC$A0$E5$8C$BB$E7$94$9F
        Assert.Equal("$E5$BC$A0$E5$8C$BB$E7$94$9F", LaunchString.DollarEncode("张医生"));

        var forms = LaunchString.Build(Doctor(), "cafe01", new LaunchOptions());

        Assert.StartsWith("WYHT://hisUserId=1001&type=1&doctorName=$E5$BC$A0$E5$8C$BB$E7$94$9F&", forms.WyhtUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void All_eleven_keys_in_order_in_all_three_forms()
    {
        var forms = LaunchString.Build(Doctor(), "cafe01", new LaunchOptions
        {
            PluginPath = @"C:\Program Files\WYHT\XXX.exe",
            HrballAddress = "127.0.0.1:18080",
        });

        const string query = "hisUserId=1001&type=1&doctorName=$E5$BC$A0$E5$8C$BB$E7$94$9F"
            + "&department=$E5$BF$83$E8$A1$80$E7$AE$A1$E5$86$85$E7$A7$91&departmentCode=0101&doctorSex=1"
            + "&doctorIdCardNo=cafe01&doctorCode=D450103000123&doctorType=1&hospitalId=H45012400317&phoneNumber=17000001234";
        Assert.Equal(query, forms.Query);
        Assert.Equal(LaunchString.Keys, forms.Query.Split('&').Select(pair => pair[..pair.IndexOf('=', StringComparison.Ordinal)]));
        Assert.Equal(11, LaunchString.Keys.Count);
        Assert.Equal($"\"C:\\Program Files\\WYHT\\XXX.exe\" \"{query}\"", forms.CommandLine);
        Assert.Equal($"WYHT://{query}", forms.WyhtUrl);
        Assert.Equal($"http://127.0.0.1:18080/hrball/?{query}", forms.HttpUrl);
    }

    [Fact]
    public void Forms_without_their_setting_are_left_out_and_an_empty_phone_number_stays_a_key()
    {
        var doctor = Doctor();
        doctor.PhoneNumber = null;

        var forms = LaunchString.Build(doctor, "cafe01", new LaunchOptions());

        Assert.Null(forms.CommandLine);
        Assert.Null(forms.HttpUrl);
        Assert.EndsWith("&hospitalId=H45012400317&phoneNumber=", forms.Query, StringComparison.Ordinal);
    }

    [Theory]
    // Expected values from Node: encodeURIComponent(s).replace(/%/g, "$").
    [InlineData("a b&c=d/张#?é€😀;,:@+$-_.!~*()'\"<>[]{}|\\^`%",
        "a$20b$26c$3Dd$2F$E5$BC$A0$23$3F$C3$A9$E2$82$AC$F0$9F$98$80$3B$2C$3A$40$2B$24-_.!~*()'$22$3C$3E$5B$5D$7B$7D$7C$5C$5E$60$25")]
    [InlineData("3#病区", "3$23$E7$97$85$E5$8C$BA")]
    [InlineData("张&王", "$E5$BC$A0$26$E7$8E$8B")]
    [InlineData("a=b", "a$3Db")]
    [InlineData("x+y z", "x$2By$20z")]
    [InlineData("100$", "100$24")]
    [InlineData("$E5$BC", "$24E5$24BC")]
    [InlineData("心血管内科", "$E5$BF$83$E8$A1$80$E7$AE$A1$E5$86$85$E7$A7$91")]
    [InlineData("ABCxyz0189", "ABCxyz0189")]
    public void Values_are_encoded_as_javascripts_encodeURIComponent_then_percent_becomes_dollar(string value, string expected)
    {
        Assert.Equal(expected, LaunchString.DollarEncode(value));
    }

    public static TheoryData<string> AwkwardValues() =>
    [
        "3#病区", "张&王", "a=b&type=2", "x+y z", "100$", "$E5$BC$A0", "50%", "?doctorName=x", "a/b\\c", "k1;k2,k3:k4@k5",
        "\"quoted\" 'single'", "<script>", "tab\there", "line\r\nbreak", "é€😀", "~!*()-_.", " lead and trail ",
    ];

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public void An_awkward_value_in_any_field_cannot_cut_the_string_or_add_a_key_and_decodes_back_exactly(string awkward)
    {
        var doctor = Doctor();
        doctor.DoctorName = awkward;
        doctor.Department = awkward;
        doctor.HisUserId = awkward;
        doctor.PhoneNumber = awkward;

        var forms = LaunchString.Build(doctor, "ab+c/d==", new LaunchOptions());

        var decoded = Decode(forms.Query);
        Assert.Equal(11, decoded.Count);
        Assert.Equal(LaunchString.Keys, decoded.Select(pair => pair.Key));
        Assert.Equal(
            [awkward, "1", awkward, awkward, "0101", "1", "ab+c/d==", "D450103000123", "1", "H45012400317", awkward],
            decoded.Select(pair => pair.Value));
        // Nothing the plug-in or a shell splits on is left in a value: only letters, digits, -_.!~*'() and $XX.
        Assert.Matches(@"^([A-Za-z]+=([A-Za-z0-9\-_.!~*'()]|\$[0-9A-F]{2})*)(&[A-Za-z]+=([A-Za-z0-9\-_.!~*'()]|\$[0-9A-F]{2})*){10}$", forms.Query);
    }

    /// <summary>What the plug-in does: split on '&amp;' and the first '=', then each '$' back to '%' and decodeURIComponent.</summary>
    internal static List<KeyValuePair<string, string>> Decode(string query) =>
        query.Split('&').Select(pair => pair.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], Uri.UnescapeDataString(kv[1].Replace('$', '%')))).ToList();

    [Fact]
    public void A_lone_surrogate_is_refused_as_encodeURIComponent_refuses_it()
    {
        Assert.Throws<ArgumentException>(() => LaunchString.EncodeUriComponent("a\ud800b"));
    }

    [Fact]
    public void Base64_cipher_text_has_its_plus_slash_and_equals_escaped_before_percent_becomes_dollar()
    {
        var forms = LaunchString.Build(Doctor(), "ab+c/d==", new LaunchOptions());

        Assert.Contains("&doctorIdCardNo=ab$2Bc$2Fd$3D$3D&", forms.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:18080", "http://127.0.0.1:18080")]
    [InlineData("http://10.0.0.5:8090/", "http://10.0.0.5:8090")]
    [InlineData("localhost:80", "http://localhost")]
    [InlineData("http://10.0.0.5:8090/some/path", null)]
    [InlineData("ftp://10.0.0.5", null)]
    public void The_hrball_address_is_host_and_port(string setting, string? expected)
    {
        Assert.Equal(expected, LaunchString.HrballBase(setting));
    }
}
