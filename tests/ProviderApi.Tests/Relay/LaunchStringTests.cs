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

        var forms = LaunchString.Build(Doctor(), "cafe01", Sm2Encoding.Hex, new LaunchOptions());

        Assert.StartsWith("WYHT://hisUserId=1001&type=1&doctorName=$E5$BC$A0$E5$8C$BB$E7$94$9F&", forms.WyhtUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void All_eleven_keys_in_order_in_all_three_forms()
    {
        var forms = LaunchString.Build(Doctor(), "cafe01", Sm2Encoding.Hex, new LaunchOptions
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

        var forms = LaunchString.Build(doctor, "cafe01", Sm2Encoding.Hex, new LaunchOptions());

        Assert.Null(forms.CommandLine);
        Assert.Null(forms.HttpUrl);
        Assert.EndsWith("&hospitalId=H45012400317&phoneNumber=", forms.Query, StringComparison.Ordinal);
    }

    [Theory]
    // Expected values from Node 20: encodeURI(s), then .replace(/%/g, "$").
    [InlineData("a b&c=d/张#?é€😀;,:@+$-_.!~*()'\"<>[]{}|\\^`%",
        "a$20b&c=d/$E5$BC$A0#?$C3$A9$E2$82$AC$F0$9F$98$80;,:@+$-_.!~*()'$22$3C$3E$5B$5D$7B$7D$7C$5C$5E$60$25")]
    [InlineData("心血管内科", "$E5$BF$83$E8$A1$80$E7$AE$A1$E5$86$85$E7$A7$91")]
    [InlineData("ABCxyz0189", "ABCxyz0189")]
    public void Values_are_encoded_as_javascripts_encodeURI_then_percent_becomes_dollar(string value, string expected)
    {
        Assert.Equal(expected, LaunchString.DollarEncode(value));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_as_encodeURI_refuses_it()
    {
        Assert.Throws<ArgumentException>(() => LaunchString.EncodeUri("a\ud800b"));
    }

    [Fact]
    public void Base64_cipher_text_has_its_plus_slash_and_equals_escaped_before_percent_becomes_dollar()
    {
        var forms = LaunchString.Build(Doctor(), "ab+c/d==", Sm2Encoding.Base64, new LaunchOptions());

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
