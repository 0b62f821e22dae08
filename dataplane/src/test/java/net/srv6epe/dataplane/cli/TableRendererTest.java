package net.srv6epe.dataplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TableRendererTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void alignsColumnsRightAlignsNumbersAndLeavesNoTrailingBlanks() throws Exception
    {
        final JsonNode rows = JSON.readTree(
            "[{\"name\":\"p0\",\"mtu\":9000,\"vrf\":\"default\"},{\"name\":\"uplink\",\"mtu\":1500,\"vrf\":null}]");

        final String table = TableRenderer.render(List.of(
            TableColumn.key("NAME", "name"), TableColumn.number("MTU", "mtu"), TableColumn.key("VRF", "vrf")), rows);

        assertEquals(String.join("\n",
            "NAME     MTU  VRF",
            "p0      9000  default",
            "uplink  1500  -",
            ""), table);
    }

    @Test
    void printsOnlyTheHeaderForNoRows() throws Exception
    {
        assertEquals("NAME  VALUE\n", TableRenderer.render(
            List.of(TableColumn.key("NAME", "name"), TableColumn.number("VALUE", "value")), JSON.readTree("[]")));
    }

    @Test
    void joinsArraysAndShowsNullAsNothing() throws Exception
    {
        assertEquals("a,b", TableRenderer.text(JSON.readTree("[\"a\",\"b\"]")));
        assertEquals("7", TableRenderer.text(JSON.readTree("7")));
        assertNull(TableRenderer.text(JSON.readTree("null")));
        assertNull(TableRenderer.text(null));
    }

    @Test
    void derivesColumnsFromTheFirstRowWhenNoTableIsKnown() throws Exception
    {
        final JsonNode rows = JSON.readTree("[{\"rx-packets\":5,\"port\":\"p0\"}]");

        assertEquals("RX-PACKETS  PORT\n5           p0\n",
            TableRenderer.render(TableRenderer.columnsOf(rows), rows));
    }

    @Test
    void theBackendColumnNamesTheReceiveRingOfAPortThatHasOne() throws Exception
    {
        final JsonNode rows = JSON.readTree("[" +
            "{\"name\":\"in\",\"interface\":\"in0\",\"backend\":\"af-packet\",\"rx-ring\":\"frames\"," +
            "\"mac\":\"02:00:00:00:00:01\",\"mtu\":1500,\"vrf\":\"default\",\"addresses\":[]}," +
            "{\"name\":\"up\",\"interface\":\"up0\",\"backend\":\"pcap\",\"rx-ring\":null," +
            "\"mac\":\"02:00:00:00:00:02\",\"mtu\":1500,\"vrf\":\"default\",\"addresses\":[]}]");

        final String table = TopicTables.render("interfaces", rows);

        assertEquals(String.join("\n",
            "NAME  INTERFACE  BACKEND           MAC                 MTU  VRF      ADDRESSES",
            "in    in0        af-packet/frames  02:00:00:00:00:01  1500  default  -",
            "up    up0        pcap              02:00:00:00:00:02  1500  default  -",
            ""), table);
    }
}
