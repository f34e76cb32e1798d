export interface ProducerFingerprintProps {
  /**
   * Mixed into the fingerprint: a new label changes every consumer's template, which makes the next deploy re-read every
   * producer value, e.g. after a producer stack was destroyed and recreated (its templates unchanged). @default - none
   */
  readonly refreshLabel?: string;
}
