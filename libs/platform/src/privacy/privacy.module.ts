import { DynamicModule, Global, Module } from '@nestjs/common';
import { BlindIndex } from './blind-index';
import { DataKeys } from './data-keys';
import { KeyProvider } from './key-provider';
import { LocalKeyProvider } from './local-key-provider';
import { PrivacyConfig } from './privacy.config';

/**
 * Field encryption for every context that keeps personal data: the key provider, the data keys
 * and the blind index. Every process that reads or writes leads or submissions imports it.
 */
@Global()
@Module({})
export class PrivacyModule {
  static forRoot(config: PrivacyConfig): DynamicModule {
    return {
      module: PrivacyModule,
      providers: [
        {
          provide: KeyProvider,
          useValue: new LocalKeyProvider(config.keys(), config.PRIVACY_ACTIVE_KEY_ID),
        },
        { provide: BlindIndex, useValue: new BlindIndex(config.PRIVACY_INDEX_KEY) },
        DataKeys,
      ],
      exports: [KeyProvider, BlindIndex, DataKeys],
    };
  }
}
