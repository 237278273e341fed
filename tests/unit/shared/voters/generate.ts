/** The generator lives in shared/ (the demo and training use it); tests import it from here too. */
export * from '../../../../shared/voters/generate';
