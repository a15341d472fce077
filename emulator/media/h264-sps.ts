import { BitReader } from './bit-reader';

/** What the emulator needs from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1). */
export interface SpsInfo {
  profileIdc: number;
  /** e.g. "High", "Main", "Constrained Baseline". */
  profile: string;
  levelIdc: number;
  /** e.g. "3.1", "1b". */
  level: string;
  /** Display size: coded macroblocks minus the cropping window. */
  width: number;
  height: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  chromaFormatIdc: number;
  /** True when pictures may be coded as fields (frame_mbs_only_flag = 0). */
  interlaced: boolean;
  /** Frames per second from the VUI timing info, when the encoder wrote it. */
  frameRate?: number;
}

/** Profiles whose SPS carries chroma format, bit depth and scaling lists. */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

const PROFILE_NAMES: Readonly<Record<number, string>> = {
  44: 'CAVLC 4:4:4 Intra',
  66: 'Baseline',
  77: 'Main',
  88: 'Extended',
  100: 'High',
  110: 'High 10',
  122: 'High 4:2:2',
  244: 'High 4:4:4 Predictive',
};

const EXTENDED_SAR = 255;

/**
 * Removes emulation-prevention bytes (00 00 03 → 00 00) so the RBSP can be read bit by bit.
 * Copies only when a prevention byte exists, which for an SPS is rare.
 */
export function nalToRbsp(nal: Uint8Array): Uint8Array {
  let zeros = 0;
  let out: number[] | undefined;
  for (let i = 0; i < nal.length; i++) {
    const byte = nal[i] ?? 0;
    if (zeros >= 2 && byte === 3) {
      out ??= Array.from(nal.subarray(0, i));
      zeros = 0;
      continue;
    }
    out?.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out ? Uint8Array.from(out) : nal;
}

function skipScalingList(reader: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) {
      next = (last + reader.se('delta_scale') + 256) % 256;
    }
    last = next === 0 ? last : next;
  }
}

function profileName(profileIdc: number, constraintFlags: number): string {
  const constraintSet1 = (constraintFlags & 0x40) !== 0;
  const constraintSet3 = (constraintFlags & 0x10) !== 0;
  if (profileIdc === 66 && constraintSet1) return 'Constrained Baseline';
  if ((profileIdc === 110 || profileIdc === 122 || profileIdc === 244) && constraintSet3) {
    return `${PROFILE_NAMES[profileIdc] ?? ''} Intra`.replace(' Predictive', '');
  }
  return PROFILE_NAMES[profileIdc] ?? `profile ${profileIdc}`;
}

function levelName(levelIdc: number, profileIdc: number, constraintFlags: number): string {
  // Level 1b is signalled as level 11 plus constraint_set3 in Baseline/Main/Extended.
  if (levelIdc === 11 && (constraintFlags & 0x10) !== 0 && (profileIdc === 66 || profileIdc === 77 || profileIdc === 88)) {
    return '1b';
  }
  if (levelIdc === 9) return '1b';
  return (levelIdc / 10).toFixed(1);
}

function readFrameRate(reader: BitReader): number | undefined {
  if (reader.flag('aspect_ratio_info_present_flag')) {
    if (reader.bits(8, 'aspect_ratio_idc') === EXTENDED_SAR) reader.skip(32, 'sar_width/sar_height');
  }
  if (reader.flag('overscan_info_present_flag')) reader.skip(1, 'overscan_appropriate_flag');
  if (reader.flag('video_signal_type_present_flag')) {
    reader.skip(4, 'video_format/video_full_range_flag');
    if (reader.flag('colour_description_present_flag')) reader.skip(24, 'colour_description');
  }
  if (reader.flag('chroma_loc_info_present_flag')) {
    reader.ue('chroma_sample_loc_type_top_field');
    reader.ue('chroma_sample_loc_type_bottom_field');
  }
  if (!reader.flag('timing_info_present_flag')) return undefined;
  const numUnitsInTick = reader.bits(32, 'num_units_in_tick');
  const timeScale = reader.bits(32, 'time_scale');
  if (numUnitsInTick === 0 || timeScale === 0) return undefined;
  // One frame is two field ticks (H.264 Annex E, equation E-1 with field-based timing).
  return timeScale / (2 * numUnitsInTick);
}

/**
 * Parses an H.264 SPS NAL unit (starting with its one-byte NAL header) into display size, profile, level and
 * frame rate. Throws RangeError when the SPS is truncated or is not an SPS.
 */
export function parseSps(nal: Uint8Array): SpsInfo {
  const nalType = (nal[0] ?? 0) & 0x1f;
  if (nalType !== 7) throw new RangeError(`nal_unit_type: expected 7 (SPS), got ${nalType}`);
  const reader = new BitReader(nalToRbsp(nal.subarray(1)));

  const profileIdc = reader.bits(8, 'profile_idc');
  const constraintFlags = reader.bits(8, 'constraint_set_flags');
  const levelIdc = reader.bits(8, 'level_idc');
  reader.ue('seq_parameter_set_id');

  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = reader.ue('chroma_format_idc');
    if (chromaFormatIdc > 3) throw new RangeError(`chroma_format_idc: expected 0-3, got ${chromaFormatIdc}`);
    if (chromaFormatIdc === 3) separateColourPlane = reader.flag('separate_colour_plane_flag');
    reader.ue('bit_depth_luma_minus8');
    reader.ue('bit_depth_chroma_minus8');
    reader.skip(1, 'qpprime_y_zero_transform_bypass_flag');
    if (reader.flag('seq_scaling_matrix_present_flag')) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) {
        if (reader.flag('seq_scaling_list_present_flag')) skipScalingList(reader, i < 6 ? 16 : 64);
      }
    }
  }

  reader.ue('log2_max_frame_num_minus4');
  const picOrderCntType = reader.ue('pic_order_cnt_type');
  if (picOrderCntType === 0) {
    reader.ue('log2_max_pic_order_cnt_lsb_minus4');
  } else if (picOrderCntType === 1) {
    reader.skip(1, 'delta_pic_order_always_zero_flag');
    reader.se('offset_for_non_ref_pic');
    reader.se('offset_for_top_to_bottom_field');
    const cycle = reader.ue('num_ref_frames_in_pic_order_cnt_cycle');
    for (let i = 0; i < cycle; i++) reader.se('offset_for_ref_frame');
  }
  reader.ue('max_num_ref_frames');
  reader.skip(1, 'gaps_in_frame_num_value_allowed_flag');
  const widthInMbs = reader.ue('pic_width_in_mbs_minus1') + 1;
  const heightInMapUnits = reader.ue('pic_height_in_map_units_minus1') + 1;
  const frameMbsOnly = reader.flag('frame_mbs_only_flag');
  if (!frameMbsOnly) reader.skip(1, 'mb_adaptive_frame_field_flag');
  reader.skip(1, 'direct_8x8_inference_flag');

  let crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (reader.flag('frame_cropping_flag')) {
    crop = {
      left: reader.ue('frame_crop_left_offset'),
      right: reader.ue('frame_crop_right_offset'),
      top: reader.ue('frame_crop_top_offset'),
      bottom: reader.ue('frame_crop_bottom_offset'),
    };
  }
  const frameRate = reader.flag('vui_parameters_present_flag') ? readFrameRate(reader) : undefined;

  // Cropping is counted in chroma samples (H.264 §7.4.2.1.1, equations 7-19 to 7-22).
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
  const subHeightC = chromaArrayType === 1 ? 2 : 1;
  const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
  const codedHeight = heightInMapUnits * 16 * (frameMbsOnly ? 1 : 2);
  const width = widthInMbs * 16 - cropUnitX * (crop.left + crop.right);
  const height = codedHeight - cropUnitY * (crop.top + crop.bottom);
  if (width <= 0 || height <= 0) throw new RangeError(`frame_crop_offsets: crop window leaves ${width}x${height}`);

  return {
    profileIdc,
    profile: profileName(profileIdc, constraintFlags),
    levelIdc,
    level: levelName(levelIdc, profileIdc, constraintFlags),
    width,
    height,
    chromaFormatIdc,
    interlaced: !frameMbsOnly,
    ...(frameRate === undefined ? {} : { frameRate }),
  };
}
