package npc.simulator.run;

import npc.gateway.client.CarrierListener;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortStatusNotice;

/** One simulated carrier's listener: hands what the gateway pushes to the driver, named by the carrier. */
final class CarrierAgent implements CarrierListener {

  private final String carrier;
  private final Driver driver;

  CarrierAgent(String carrier, Driver driver) {
    this.carrier = carrier;
    this.driver = driver;
  }

  @Override
  public void onPortNotice(PortNotice notice) {
    driver.onPortNotice(carrier, notice);
  }

  @Override
  public void onPortStatus(PortStatusNotice notice) {
    driver.onPortStatus(carrier, notice.getPort());
  }

  @Override
  public void onEligibilityQuery(EligibilityQueryNotice notice) {
    driver.onEligibilityQuery(carrier, notice);
  }

  @Override
  public void onEligibilityResult(EligibilityResultNotice notice) {
    driver.onEligibilityResult(carrier, notice);
  }
}
