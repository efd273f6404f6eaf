/**
 * Error boundary per panel section: a record the domain rejects (e.g. an invoice whose balance
 * currency differs from its total) shows a note in that section instead of blanking the panel.
 */
import { Component, type ComponentChildren } from 'preact';

interface SectionProps {
  name: string;
  children: ComponentChildren;
}

export class Section extends Component<SectionProps, { error: string | null }> {
  override state = { error: null as string | null };

  static override getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown) {
    console.error(`[collections-panel] ${this.props.name} could not be shown`, error);
  }

  override render() {
    if (this.state.error !== null) {
      return (
        <p class="alert warn" role="status">
          {this.props.name} could not be shown: {this.state.error}
        </p>
      );
    }
    return this.props.children;
  }
}
