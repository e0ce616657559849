package npc.core.porting;

/** Who holds the number: some regimes protect individuals more than companies (India). */
public enum SubscriberType {
  INDIVIDUAL,
  CORPORATE
}
