package io.codac.adapter.ari;

import ch.loway.oss.ari4java.generated.ari_8_0_0.models.Message_impl_ari_8_0_0;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import io.codac.adapter.ari.AriEventTranslator.ChannelSignal;
import io.codac.adapter.call.domain.AriSignal;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** ARI events as Asterisk sends them (JSON, deserialized by ari4java's own ARI 8.0.0 models) become leg signals. */
class AriEventTranslatorTest {

    private final AriEventTranslator translator = new AriEventTranslator();

    private static String channel(String id, String state) {
        return """
                {"id":"%s","name":"PJSIP/trunk-a-00000001","state":"%s",
                 "caller":{"name":"","number":"+3311"},"connected":{"name":"","number":""},"accountcode":"",
                 "dialplan":{"context":"default","exten":"s","priority":1,"app_name":"","app_data":""},
                 "creationtime":"2026-11-22T10:00:00.000+0000","language":"en"}""".formatted(id, state);
    }

    private Optional<ChannelSignal> translate(String json) throws Exception {
        Message message = BaseAriAction.deserializeEvent(json, Message_impl_ari_8_0_0.class);
        return translator.translate(message);
    }

    private static String event(String type, String body) {
        return "{\"type\":\"" + type + "\",\"application\":\"codac\",\"timestamp\":\"2026-11-22T10:00:00.100+0000\","
                + "\"asterisk_id\":\"sim\"," + body + "}";
    }

    @Test
    void aChannelStateChangeToRingingIsTheFarEndRinging() throws Exception {
        var signal = translate(event("ChannelStateChange", "\"channel\":" + channel("att-1", "Ringing")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.FarEndRinging()));
    }

    @Test
    void aChannelStateChangeToUpIsAnAnswer() throws Exception {
        var signal = translate(event("ChannelStateChange", "\"channel\":" + channel("att-1", "Up")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.FarEndAnswered()));
    }

    @Test
    void aChannelStateChangeToBusyIsABusyDialStatus() throws Exception {
        var signal = translate(event("ChannelStateChange", "\"channel\":" + channel("att-1", "Busy")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.DialStatusReported("BUSY")));
    }

    @Test
    void otherChannelStatesSayNothing() throws Exception {
        assertThat(translate(event("ChannelStateChange", "\"channel\":" + channel("att-1", "Down")))).isEmpty();
        assertThat(translate(event("ChannelStateChange", "\"channel\":" + channel("att-1", "Dialing")))).isEmpty();
    }

    @Test
    void stasisStartOfAnOriginatedChannelIsAnAnswer() throws Exception {
        var signal = translate(event("StasisStart", "\"args\":[],\"channel\":" + channel("att-1", "Up")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.FarEndAnswered()));
    }

    @Test
    void aDialEventCarriesItsDialStatusForThePeerChannel() throws Exception {
        var signal = translate(event("Dial", "\"dialstatus\":\"RINGING\",\"dialstring\":\"+33612345678@trunk-a\","
                + "\"peer\":" + channel("att-1", "Ringing")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.DialStatusReported("RINGING")));
    }

    @Test
    void aDialEventWithoutStatusSaysNothing() throws Exception {
        assertThat(translate(event("Dial", "\"dialstatus\":\"\",\"peer\":" + channel("att-1", "Down")))).isEmpty();
    }

    @Test
    void aHangupRequestCarriesItsCause() throws Exception {
        var signal = translate(event("ChannelHangupRequest", "\"cause\":16,\"channel\":" + channel("att-1", "Ringing")));

        assertThat(signal).contains(new ChannelSignal("att-1", new AriSignal.HangUpRequestedOnServer(16)));
    }

    @Test
    void aDestroyedChannelCarriesItsQ850CauseAndText() throws Exception {
        var signal = translate(event("ChannelDestroyed",
                "\"cause\":1,\"cause_txt\":\"Unallocated (unassigned) number\",\"channel\":" + channel("att-1", "Down")));

        assertThat(signal).contains(new ChannelSignal("att-1",
                new AriSignal.ChannelDestroyed(1, "Unallocated (unassigned) number", null)));
    }

    private static String inboundChannel(String id, String caller, String exten) {
        return """
                {"id":"%s","name":"PJSIP/did-00000009","state":"Ring",
                 "caller":{"name":"","number":"%s"},"connected":{"name":"","number":""},"accountcode":"",
                 "dialplan":{"context":"from-did","exten":"%s","priority":1,"app_name":"Stasis","app_data":"codac,inbound,%s"},
                 "creationtime":"2026-11-22T10:00:00.000+0000","language":"en"}""".formatted(id, caller, exten, exten);
    }

    @Test
    void anInboundStasisStartIsNoAnswerOfALegButAnInboundArrival() throws Exception {
        String json = event("StasisStart", "\"args\":[\"inbound\",\"+918069000001\"],\"channel\":"
                + inboundChannel("in-1", "+919812345678", "+918069000001"));
        Message message = BaseAriAction.deserializeEvent(json, Message_impl_ari_8_0_0.class);

        assertThat(translator.translate(message)).isEmpty();
        assertThat(translator.inbound(message)).contains(
                new AriEventTranslator.InboundArrival("in-1", "+919812345678", "+918069000001"));
    }

    @Test
    void anInboundStasisStartWithoutTheDidArgumentTakesTheDialplanExtension() throws Exception {
        String json = event("StasisStart", "\"args\":[\"inbound\"],\"channel\":"
                + inboundChannel("in-2", "919812345678", "+918069000002"));
        Message message = BaseAriAction.deserializeEvent(json, Message_impl_ari_8_0_0.class);

        assertThat(translator.inbound(message)).contains(
                new AriEventTranslator.InboundArrival("in-2", "919812345678", "+918069000002"));
    }

    @Test
    void anOutboundStasisStartIsNoInboundArrival() throws Exception {
        Message message = BaseAriAction.deserializeEvent(
                event("StasisStart", "\"args\":[],\"channel\":" + channel("att-1", "Up")),
                Message_impl_ari_8_0_0.class);

        assertThat(translator.inbound(message)).isEmpty();
    }

    @Test
    void stasisEndSaysNothing() throws Exception {
        assertThat(translate(event("StasisEnd", "\"channel\":" + channel("att-1", "Up")))).isEmpty();
    }
}
