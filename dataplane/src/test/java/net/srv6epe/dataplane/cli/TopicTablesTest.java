package net.srv6epe.dataplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TopicTablesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void spellsEncapRoutesTheIproute2Way() throws Exception
    {
        final String table = TopicTables.render("route", JSON.readTree("[" +
            "{\"vrf\":\"peer-a\",\"table\":100,\"prefix\":\"fd00:9::/48\",\"action\":\"H.Encaps\",\"via\":null," +
            "\"port\":null,\"segments\":[\"fc00:a::d6\",\"fc00:b::1\"],\"encap-vrf\":\"underlay\",\"origin\":\"static\"}]"));

        assertEquals(String.join("\n",
            "VRF     TABLE  PREFIX       ACTION    VIA  DEV  SEGMENTS                                      PROTO",
            "peer-a    100  fd00:9::/48  H.Encaps  -    -    segs 2 [ fc00:a::d6 fc00:b::1 ] vrf underlay  static",
            ""), table);
    }

    @Test
    void showsSidAttributesAsVrftableAndNextHops() throws Exception
    {
        final String table = TopicTables.render("sids", JSON.readTree("[" +
            "{\"sid\":\"fc00:a::d46\",\"behavior\":\"End.DT46\",\"flavors\":[],\"vrf\":\"peer-a\",\"table\":100," +
            "\"via\":null,\"port\":null,\"locator\":\"main\"}," +
            "{\"sid\":\"fc00:a::2\",\"behavior\":\"End.X\",\"flavors\":[\"PSP\",\"USD\"],\"vrf\":null,\"table\":null," +
            "\"via\":\"fd00:1::1\",\"port\":\"p0\",\"locator\":\"main\"}," +
            "{\"sid\":\"fc00:a::4\",\"behavior\":\"End.DX4\",\"flavors\":[],\"vrf\":null,\"table\":null," +
            "\"via\":\"198.18.1.1\",\"port\":null,\"locator\":null}]"));

        assertEquals(String.join("\n",
            "SID          BEHAVIOR  FLAVORS  ATTRIBUTES             LOCATOR",
            "fc00:a::d46  End.DT46  -        vrftable 100 (peer-a)  main",
            "fc00:a::2    End.X     PSP,USD  nh6 fd00:1::1 dev p0   main",
            "fc00:a::4    End.DX4   -        nh4 198.18.1.1         -",
            ""), table);
    }

    @Test
    void saysAllForAnAbsentRulePrefix() throws Exception
    {
        final String table = TopicTables.render("pbr", JSON.readTree(
            "[{\"priority\":10,\"from\":\"fd00:100::a/128\",\"to\":null,\"vrf\":\"peer-a\",\"table\":100}]"));

        assertEquals(String.join("\n",
            "PRIORITY  FROM             TO   VRF     TABLE",
            "      10  fd00:100::a/128  all  peer-a    100",
            ""), table);
    }

    @Test
    void showsTheBondsOfAHeadEndAndATailEndAsTwoTables() throws Exception
    {
        final String text = TopicTables.render("bond", JSON.readTree("[" +
            "{\"role\":\"head\",\"bond\":\"down\",\"member\":\"a\",\"weight\":0.66}," +
            "{\"role\":\"tail\",\"sid\":\"fc00:6::b1\",\"member\":0,\"hold-ms\":16.2}," +
            "{\"role\":\"head\",\"bond\":\"down\",\"member\":\"b\",\"weight\":0.34}]"));
        assertEquals(String.join("\n",
            "ROLE  BOND  MEMBER  WEIGHT",
            "head  down  a       0.66",
            "head  down  b       0.34",
            "",
            "ROLE  SID         MEMBER  HOLD-MS",
            "tail  fc00:6::b1  0       16.2",
            ""), text);
    }
}
